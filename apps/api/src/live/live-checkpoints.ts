import type { PinoLogger } from 'nestjs-pino';
import type { CallEvent, TenantSettings } from '@mieruka/contracts';
import { CheckpointRefused, FOLD_VERSION, startOfLocalDay, type LiveState } from '@mieruka/kpi';
import {
  CheckpointStore,
  captureCheckpoint,
  restoreCheckpoint,
  settingsHash,
  type EventStore,
  type StoreClient,
} from '@mieruka/store';

/**
 * How far before a checkpoint's `seq` its tail is read again. `ingest_seq` is each instance's
 * own microsecond clock, reserved before the insert and folded after it (or after the Redis
 * relay, for a peer's events): an event with a smaller seq can reach the state after the
 * checkpoint. The overlap is folded again and ignored by id (docs/store.md, Checkpoints).
 */
export const TAIL_OVERLAP_MS = 60_000;

/** Yesterday's local midnight: what the windows reach, and what pruning keeps. */
export function horizonOf(now: number, timezone: string): number {
  return startOfLocalDay(startOfLocalDay(now, timezone) - 1, timezone);
}

/** A tenant's live state loaded from its checkpoint, and the events stored after it. */
export interface Restored {
  readonly state: LiveState;
  readonly takenAt: number;
  /** Read from the store, in arrival order; the state has not folded them. */
  readonly tail: () => Promise<CallEvent[]>;
}

/**
 * The live projections' checkpoints in the store (CheckpointStore, shared by every instance):
 * the newest usable one at start, a new one at the cadence and at shutdown. Every failure is
 * logged and leaves the caller on the full rebuild; none is thrown.
 */
export class LiveCheckpoints {
  private readonly store: CheckpointStore;

  constructor(
    client: StoreClient,
    private readonly events: EventStore,
    private readonly logger: PinoLogger,
  ) {
    this.store = new CheckpointStore(client);
  }

  /**
   * The tenant's newest checkpoint of this fold version and settings, restored, if it is
   * usable at `now`: taken since yesterday's local midnight (an older one would mean reading
   * days of tail), not after `now` (a clock that went back), with a good checksum.
   */
  async load(settings: TenantSettings, now: number): Promise<Restored | undefined> {
    const tenant = settings.tenant.id;
    const refused = (reason: string, level: 'info' | 'warn' = 'warn'): undefined => {
      this.logger[level]({ tenant, reason }, 'checkpoint not used, rebuilding from the store');
      return undefined;
    };
    let checkpoint;
    try {
      checkpoint = await this.store.newest(tenant, FOLD_VERSION, settingsHash(settings));
      if (!checkpoint) {
        const other = await this.store.newestOfAny(tenant);
        if (!other) return refused('none stored yet', 'info');
        return refused(
          other.foldVersion === FOLD_VERSION
            ? 'the newest was taken with other settings'
            : `the newest is of fold version ${other.foldVersion}, this build folds version ${FOLD_VERSION}`,
        );
      }
    } catch (error) {
      return refused(`reading it failed: ${(error as Error).message}`);
    }
    const zone = settings.tenant.timezone;
    if (checkpoint.takenAt > now) return refused('taken after now (the clock went back)');
    if (checkpoint.takenAt < horizonOf(now, zone)) return refused('taken before yesterday');
    let state: LiveState;
    try {
      state = restoreCheckpoint(checkpoint, settings);
    } catch (error) {
      if (error instanceof CheckpointRefused) return refused(error.message);
      throw error;
    }
    const { seq, takenAt } = checkpoint;
    return {
      state,
      takenAt,
      tail: () =>
        this.events.eventsStoredAfter(tenant, {
          afterSeq: seq - TAIL_OVERLAP_MS * 1000,
          seq,
          // The ids the state still knows: pruning never went past this horizon.
          from: horizonOf(takenAt, zone),
        }),
    };
  }

  /**
   * Writes a checkpoint of each state, one after the other (only the serialising holds the
   * event loop; compressing and the insert do not). Resolves how many were written.
   */
  async write(states: Iterable<LiveState>, now: () => number): Promise<number> {
    let written = 0;
    for (const state of states) {
      const tenant = state.projection.settings.tenant.id;
      try {
        const takenAt = now();
        const started = performance.now();
        const checkpoint = await captureCheckpoint(state, { seq: takenAt * 1000, takenAt });
        await this.store.save(checkpoint);
        written++;
        this.logger.debug(
          {
            tenant,
            bytes: checkpoint.state.byteLength,
            ms: Math.round(performance.now() - started),
          },
          'checkpoint written',
        );
      } catch (error) {
        this.logger.warn(
          { tenant, reason: (error as Error).message },
          'checkpoint not written (the next start may rebuild from the store)',
        );
      }
    }
    return written;
  }
}
