import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Env } from '@mieruka/contracts';
import {
  ROLLUP_BUCKET_MS,
  buildRollups,
  storedTenantRanges,
  type StoreClient,
} from '@mieruka/store';
import { CLOCK, ENV, type Clock } from '../config/tokens';
import { TenantDirectory } from '../config/tenant-directory';
import { STORE_CLIENT } from '../store/store.module';

/** How often the quarter hours that closed since are built. */
export const ROLLUP_TICK_MS = 5 * 60_000;
/** How far back each pass looks: a late event makes a bucket stale; within this it is rebuilt. */
export const ROLLUP_LOOKBACK_MS = 48 * 3_600_000;

/**
 * Builds the history rollups (docs/store.md) of the quarter hours that closed, every
 * ROLLUP_TICK_MS, for each tenant with events in the last ROLLUP_LOOKBACK_MS, with the settings
 * the history reads with. Several instances may build at once: each build is accepted on its
 * own, and a history query reads only the one rollup_buckets names. Older data (stored before,
 * or made stale by an event later than the look-back) is built by `mieruka rollups build`.
 */
@Injectable()
export class RollupBuilder implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @Inject(STORE_CLIENT) private readonly store: StoreClient,
    @Inject(TenantDirectory) private readonly tenants: TenantDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ENV) private readonly env: Env,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('rollups');
  }

  onApplicationBootstrap(): void {
    // Nothing reads them with MIERUKA_HISTORY_ROLLUPS off: building them would be wasted work.
    if (!this.env.MIERUKA_HISTORY_ROLLUPS) return;
    this.timer = setInterval(() => {
      this.running ??= this.buildClosed()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.logger.warn({ err: error }, 'rollups not built; history reads raw events'),
        )
        .finally(() => (this.running = undefined));
    }, ROLLUP_TICK_MS).unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass: every quarter hour closed at the clock's now, within the look-back. */
  async buildClosed(): Promise<{ built: number; pending: number; agentTimeBuilt: number }> {
    const now = this.clock.now();
    const until = Math.floor(now / ROLLUP_BUCKET_MS) * ROLLUP_BUCKET_MS;
    const from = until - ROLLUP_LOOKBACK_MS;
    let built = 0;
    let pending = 0;
    let agentTimeBuilt = 0;
    for (const { tenant } of await storedTenantRanges(this.store, from)) {
      const done = await buildRollups(this.store, {
        settings: this.tenants.get(tenant),
        from,
        until,
      });
      built += done.built;
      pending += done.pending;
      agentTimeBuilt += done.agentTimeBuilt;
    }
    if (built > 0 || pending > 0 || agentTimeBuilt > 0) {
      this.logger.info({ built, pending, agentTimeBuilt }, 'rollups built');
    }
    return { built, pending, agentTimeBuilt };
  }
}
