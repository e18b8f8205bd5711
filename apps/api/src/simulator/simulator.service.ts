import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { BatchItem, CallEvent, Env } from '@mieruka/contracts';
import { LocalTime, addDays, startOfLocalDay } from '@mieruka/kpi';
import { EventStore } from '@mieruka/store';
import { createSimulation, DEMO_PROFILE, type Simulation } from '@mieruka/simulator';
import { CLOCK, ENV, type Clock } from '../config/tokens';
import { IngestService } from '../ingest/ingest.service';
import { TenantDirectory } from '../config/tenant-directory';
import { isoDate, planBackfill, type BackfillPlan } from './backfill';

const BATCH = 5000;
const TICK_MS = 1000;
/** Simulated time per step of the fill: short enough that the API answers in between. */
const STEP_MS = 3_600_000;

/**
 * The built-in CTI simulator feeding the default tenant through the same ingest path as
 * every source, with the demo profile (a 24/7 order desk: every tile has data at any hour).
 * In the background it first fills the month to date (ids are deterministic, and a restart
 * stores only from the newest stored event, so nothing is counted twice), then follows the
 * clock second by second.
 */
@Injectable()
export class SimulatorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private stopped = false;
  private simulation: Simulation | undefined;
  /** Simulated events not yet stored (kept across a failed tick, so none is lost). */
  private pending: CallEvent[] = [];

  constructor(
    @Inject(ENV) private readonly env: Env,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IngestService) private readonly ingest: IngestService,
    @Inject(TenantDirectory) private readonly tenants: TenantDirectory,
    @Inject(EventStore) private readonly store: EventStore,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('simulator');
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.env.MIERUKA_SIMULATOR) return;
    const { tenant } = this.tenants.get('default');
    const now = this.clock.now();
    const stats = await this.store.stats(now, startOfLocalDay(now, tenant.timezone), tenant.id);
    const last = stats.lastEventAt === null ? null : Date.parse(stats.lastEventAt);
    const plan = planBackfill(now, tenant.timezone, this.env.MIERUKA_SIMULATOR_BACKFILL_DAYS, last);
    const simulation = createSimulation({
      seed: this.env.MIERUKA_SIMULATOR_SEED,
      tenant: tenant.id,
      timezone: tenant.timezone,
      currency: tenant.currency,
      start: plan.start,
      rate: this.env.MIERUKA_SIMULATOR_RATE,
      profile: DEMO_PROFILE,
    });
    // Not awaited: the API serves (and the wallboard fills) while the month is replayed.
    void this.fill(simulation, plan, tenant.timezone).then(
      () => {
        if (this.stopped) return;
        this.simulation = simulation;
        this.timer = setInterval(() => void this.tick(), TICK_MS);
      },
      (error: unknown) => this.logger.error({ err: error }, 'simulator: the fill failed'),
    );
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  /** Replays from `plan.start` up to the clock, storing from `plan.storeFrom`, a line a day. */
  private async fill(simulation: Simulation, plan: BackfillPlan, timezone: string): Promise<void> {
    const local = new LocalTime(timezone);
    const first = local.dateOf(plan.start);
    const range = `${isoDate(first)} … ${isoDate(addDays(first, plan.days - 1))}`;
    const started = performance.now();
    let stored = 0;
    let day = 0;
    let dayEnd = local.startOfDay(addDays(first, 1));
    for (let step = plan.start; !this.stopped;) {
      // The clock moves while the fill runs: it ends where it is now, then ticks take over.
      const now = this.clock.now();
      const until = Math.min(step + STEP_MS, dayEnd, now);
      const events = simulation.advance(until);
      stored += await this.feedPatiently(
        events.filter((e) => Date.parse(e.occurredAt) >= plan.storeFrom),
      );
      step = until;
      if (step >= dayEnd || step >= now) {
        day += 1;
        const what =
          dayEnd <= plan.storeFrom ? 'already stored' : `${stored.toLocaleString('en-US')} events`;
        this.logger.info(`simulator: filling ${range}: ${day} of ${plan.days} days, ${what}`);
        dayEnd = local.startOfDay(addDays(first, day + 1));
      }
      if (step >= now) break;
      // Let the API answer between steps: the fill is CPU-bound between stores.
      await new Promise((resolve) => setImmediate(resolve));
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    this.logger.info(
      { events: stored, seconds, tenant: this.tenants.get('default').tenant.id },
      `simulator: month to date filled in ${seconds} s; now following the clock`,
    );
  }

  /** A store that is briefly away (a restarting ClickHouse) pauses the fill, not ends it. */
  private async feedPatiently(events: readonly CallEvent[]): Promise<number> {
    for (;;) {
      try {
        return await this.feed(events);
      } catch (error) {
        if (this.stopped) return 0;
        this.logger.warn({ err: error }, 'simulator: a fill batch was not stored; retrying in 5 s');
        await new Promise((resolve) => setTimeout(resolve, 5_000));
      }
    }
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
