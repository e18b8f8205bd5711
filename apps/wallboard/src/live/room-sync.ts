import type { Floor, LiveSnapshot, LiveUpdate, PatchOp, RoomState } from '@mieruka/contracts';

/** Applies a patch to a value without changing it (the projection's own `applyPatch`). */
export type ApplyPatch = <T>(value: T, patch: readonly PatchOp[]) => T;

/** What the caller should do after a message. */
export type SyncOutcome = 'applied' | 'ignored' | 'resync';

interface State {
  readonly seq: number;
  readonly snapshot: LiveSnapshot;
  /** A floor room's floor (docs/wallboard.md); undefined in a plain room. */
  readonly floor: Floor | undefined;
  readonly serverTime: number;
}

/**
 * One room's state on the client: the snapshot (and a floor room's floor) and its sequence
 * number. Both change together, under the same numbered updates. Patches apply only in
 * order; an older or repeated one is ignored; a gap (a volatile update the server dropped, or
 * one lost while the screen slept) or a heartbeat that is ahead means "ask for the newest
 * state" — never guess. Until the resync answers, updates are ignored: the answer replaces all.
 */
export class RoomSync {
  private state: State | undefined;
  private waitingForResync = false;

  constructor(private readonly apply: ApplyPatch) {}

  get snapshot(): LiveSnapshot | undefined {
    return this.state?.snapshot;
  }

  get floor(): Floor | undefined {
    return this.state?.floor;
  }

  get seq(): number | undefined {
    return this.state?.seq;
  }

  /** Server time (epoch ms) the current snapshot was taken at. */
  get serverTime(): number | undefined {
    return this.state?.serverTime;
  }

  /** A join or resync answer: the whole state, whatever came before (a restarted server starts at 0). */
  load(answer: RoomState): void {
    this.state = {
      seq: answer.seq,
      snapshot: answer.snapshot,
      floor: answer.floor,
      serverTime: answer.serverTime,
    };
    this.waitingForResync = false;
  }

  update(update: LiveUpdate): SyncOutcome {
    const state = this.state;
    if (!state || this.waitingForResync) return 'ignored';
    if (update.seq <= state.seq) return 'ignored';
    if (update.seq !== state.seq + 1) return this.gap();
    this.state = {
      seq: update.seq,
      snapshot: this.apply(state.snapshot, update.patch),
      floor:
        state.floor && update.floorPatch ? this.apply(state.floor, update.floorPatch) : state.floor,
      serverTime: update.serverTime,
    };
    return 'applied';
  }

  /** A heartbeat names the room's newest seq: ahead of ours means an update went missing. */
  heartbeat(seq: number): SyncOutcome {
    const state = this.state;
    if (!state || this.waitingForResync) return 'ignored';
    return seq > state.seq ? this.gap() : 'ignored';
  }

  /** The resync request failed (the connection dropped): let the next message try again. */
  resyncFailed(): void {
    this.waitingForResync = false;
  }

  private gap(): SyncOutcome {
    this.waitingForResync = true;
    return 'resync';
  }
}
