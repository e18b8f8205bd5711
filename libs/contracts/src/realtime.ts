import { z } from 'zod';
import { tenantIdSchema } from './event';
import type { Floor } from './floor';
import type { TrendPoint } from './values';

export { trendSeriesName, type TrendPoint, type TrendSeries } from './values';
import { WINDOWS, kpiSnapshotSchema, scopeSchema } from './kpi-snapshot';

/**
 * The live socket protocol (Socket.IO namespace `/live`), shared by the gateway and the
 * wallboard. A client joins a room (a tenant and a scope) and gets the whole snapshot with a
 * sequence number; then `update`s carry only the values that changed, each numbered one past
 * the last — a client that sees a gap asks for `resync`. `heartbeat` carries the server's
 * clock every few seconds, so a client can tell "stale" when heartbeats stop.
 *
 * The handshake carries a credential in its `auth` payload (`{ token }`: a display token or a
 * session's access token). Without a valid one the connection is refused (`connect_error`);
 * when it expires or is revoked later, the server sends `signedOut` and disconnects.
 *
 * Version 2 added the floor (per-agent states, recent abandoned calls; `floor.ts`): a join with
 * `floor: true` enters the scope's floor room, whose state carries `floor` beside the snapshot
 * and whose updates carry `floorPatch` (the same patch format, applied to `floor`) under the
 * same sequence numbers. A join without it is exactly version 1.
 *
 * Version 3 added trends: a join may name the trend lines it shows (`trend`), and its answer
 * carries the server's last hour of each, one point per half minute, so a reloaded or new
 * screen draws its lines at once. Resync answers carry none (the screen keeps its own).
 */
export const LIVE_PROTOCOL_VERSION = 3;

/**
 * A trend line a join asks for (`TrendSeries`, in values.ts): a number of one of the
 * snapshot's windows (`key` a numeric field of the window, or `dispositions.<name>`), or of its
 * live block (`window: "live"`, `key` e.g. `inQueue`).
 */
export const trendSeriesSchema = z
  .object({
    window: z.enum([...WINDOWS, 'live']),
    key: z.string().regex(/^[A-Za-z]{1,40}(\.[A-Za-z0-9_:-]{1,64})?$/, 'a field or field.name'),
  })
  .strict();

export { LIVE_NAMESPACE } from './values';

export const liveSnapshotSchema = kpiSnapshotSchema.omit({ ingest: true });
export type LiveSnapshot = z.output<typeof liveSnapshotSchema>;

export const joinRequestSchema = z.object({
  tenant: tenantIdSchema.default('default'),
  scope: scopeSchema.default('tenant'),
  /** Also the floor detail of the scope (a display token needs a floor tile of that scope). */
  floor: z.boolean().default(false),
  /** v3: the trend lines the screen shows of this scope; the answer carries their last hour. */
  trend: z.array(trendSeriesSchema).max(32).default([]),
});
export type JoinRequest = z.input<typeof joinRequestSchema>;

/**
 * A room's name: `tenant|scope`, or `tenant|floor|scope` for the floor room. A scope is
 * `tenant` or `dimension:value`, never `floor|…`, so the two kinds never share a name.
 */
export function liveRoomName(tenant: string, scope: string, floor = false): string {
  return floor ? `${tenant}|floor|${scope}` : `${tenant}|${scope}`;
}

/** A changed value: the path to it in the snapshot and its new value, or the path alone for a removed key. */
export type PatchOp = [path: (string | number)[], value: unknown] | [path: (string | number)[]];

export interface RoomState {
  readonly room: string;
  readonly seq: number;
  /** Server time (epoch ms) the snapshot was taken at. */
  readonly serverTime: number;
  readonly snapshot: LiveSnapshot;
  /** In a floor room only. */
  readonly floor?: Floor;
  /** v3, in a join's answer when it named trend lines: each by `trendSeriesName`, oldest first. */
  readonly trend?: Readonly<Record<string, readonly TrendPoint[]>>;
}

export type JoinAnswer =
  | ({ readonly ok: true; readonly protocol: number } & RoomState)
  | { readonly ok: false; readonly error: string };

export interface LiveUpdate {
  readonly room: string;
  readonly seq: number;
  readonly serverTime: number;
  readonly patch: PatchOp[];
  /** In a floor room, when the floor changed: its patch (paths from the floor's root). */
  readonly floorPatch?: PatchOp[];
}

/** Sent to each room every few seconds, with the room's latest sequence number. */
export interface Heartbeat {
  readonly serverTime: number;
  readonly room: string;
  readonly seq: number;
}

/** Sent just before the server closes a connection whose credential stopped being valid. */
export interface SignedOut {
  readonly reason: 'expired' | 'revoked';
}

/** Events the server emits to a client. */
export interface LiveServerEvents {
  update: (update: LiveUpdate) => void;
  heartbeat: (beat: Heartbeat) => void;
  signedOut: (notice: SignedOut) => void;
}

/** Events a client emits, each answered through the acknowledgement callback. */
export interface LiveClientEvents {
  join: (request: JoinRequest, answer: (result: JoinAnswer) => void) => void;
  resync: (request: { room: string }, answer: (result: JoinAnswer) => void) => void;
}
