import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { BatchItem, CallEvent, Env } from '@mieruka/contracts';
import { startOfLocalDay } from '@mieruka/kpi';
import { createSimulation, type Simulation } from '@mieruka/simulator';
import { CLOCK, ENV, type Clock } from '../config/tokens';
import { IngestService } from '../ingest/ingest.service';
import { TenantDirectory } from '../config/tenant-directory';

const BATCH = 5000;
const TICK_MS = 1000;

/**
 * The built-in CTI simulator feeding the default tenant through the same ingest path as
 * every source. It first replays today from local midnight (ids are deterministic, so after
 * a restart the replay is absorbed as duplicates), then follows the clock second by second.
 */
@Injectable()
export class SimulatorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private simulation: Simulation | undefined;
  /** Simulated events not yet stored (kept across a failed tick, so none is lost). */
  private pending: CallEvent[] = [];

  constructor(
    @Inject(ENV) private readonly env: Env,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IngestService) private readonly ingest: IngestService,
    @Inject(TenantDirectory) private readonly tenants: TenantDirectory,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('simulator');
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.env.MIERUKA_SIMULATOR) return;
    const { tenant } = this.tenants.get('default');
    const now = this.clock.now();
    this.simulation = createSimulation({
      seed: this.env.MIERUKA_SIMULATOR_SEED,
      tenant: tenant.id,
      timezone: tenant.timezone,
      currency: tenant.currency,
      start: startOfLocalDay(now, tenant.timezone),
      rate: this.env.MIERUKA_SIMULATOR_RATE,
    });
    const replayed = await this.feed(this.simulation.advance(now));
    this.logger.info(
      { events: replayed, tenant: tenant.id },
      'simulator replayed today; now following the clock',
    );
    this.timer = setInterval(() => void this.tick(), TICK_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.busy || !this.simulation) return;
    this.busy = true;
    try {
      this.pending.push(...this.simulation.advance(this.clock.now()));
      await this.feed(this.pending);
      this.pending = [];
    } catch (error) {
      this.logger.warn(
        { err: error },
        'simulator batch not stored; it is retried with the next tick',
      );
    } finally {
      this.busy = false;
    }
  }

  private async feed(events: readonly CallEvent[]): Promise<number> {
    let accepted = 0;
    for (let i = 0; i < events.length; i += BATCH) {
      const items: BatchItem[] = events.slice(i, i + BATCH).map((value) => ({
        kind: 'value',
        value,
        bytes: Buffer.byteLength(JSON.stringify(value)),
      }));
      // Through the one way in: stored now, or published to Kafka when that is configured.
      accepted += (await this.ingest.ingestItems(items, { transport: 'simulator' })).accepted;
    }
    return accepted;
  }
}
