import { Inject, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { BroadcastOperator, Namespace, Socket } from 'socket.io';
import {
  LIVE_NAMESPACE,
  LIVE_PROTOCOL_VERSION,
  joinRequestSchema,
  liveRoomName,
  socketAuthSchema,
  type Floor,
  type JoinAnswer,
  type LiveClientEvents,
  type LiveServerEvents,
  type LiveSnapshot,
  type Env,
  type Scope,
  type SignedOut,
} from '@mieruka/contracts';
import { diff } from '@mieruka/kpi';
import { AuthError, AuthService } from '../auth/auth.service';
import { credentialRooms, mayReadTenant, scopeRefusal, type Principal } from '../auth/principal';
import { CLOCK, ENV, type Clock } from '../config/tokens';
import { DisplayScopes } from '../wallboards/display-scopes';
import { LiveProjections } from './live-projections';
import { TrendRecorder } from './trend-recorder';
import { CredentialConnections, MESSAGES_PER_SECOND, MessageBudget } from './socket-limits';

/**
 * A room gets an update as soon as events change its numbers, but at most one per this
 * interval (five a second): what arrives meanwhile is coalesced into the next one.
 */
const MIN_UPDATE_INTERVAL_MS = 200;
/** How often rooms are checked for what the clock alone moves (windows sliding, KGI pacing). */
const CLOCK_TICK_MS = 1_000;
const HEARTBEAT_MS = 5_000;
/** How often open connections are checked for an expired or revoked credential. */
const CREDENTIAL_SWEEP_MS = 1_000;
/** A wallboard shows a few scopes at once; more rooms than this per connection is abuse. */
const MAX_ROOMS_PER_SOCKET = 32;

interface SocketData {
  principal: Principal;
  budget: MessageBudget;
}
type LiveNamespace = Namespace<LiveClientEvents, LiveServerEvents, object, SocketData>;
type LiveSocket = Socket<LiveClientEvents, LiveServerEvents, object, SocketData>;

interface Room {
  readonly tenant: string;
  readonly scope: Scope;
  seq: number;
  serverTime: number;
  snapshot: LiveSnapshot;
  /** The snapshot without what moves by itself with the clock (see `steady`). */
  steadyKey: string;
  /** A floor room's floor (undefined in a plain room), and its JSON to compare. */
  floor: Floor | undefined;
  floorKey: string;
  /** Wall-clock time of the last update sent, for the minimum interval. */
  sentAt: number;
  /** Set while an update is scheduled. */
  flushTimer: NodeJS.Timeout | undefined;
}

/**
 * What changes only when events do: the snapshot without `at`, the longest wait as the instant
 * the oldest caller started waiting, and the oldest paid-not-shipped age as the instant it was
 * paid. The clock alone then never causes an update — clients tick both from the server's
 * timestamps — but an order crossing `shipWithinMs` does (its `stuck` and `stuckList` change).
 */
function steady(snapshot: LiveSnapshot): string {
  const { at, live, orders, ...rest } = snapshot;
  // From the snapshot's own instant: the server's clock read a moment apart would move them.
  const since = (ms: number | null) => (ms === null ? null : Date.parse(at) - ms);
  return JSON.stringify({
    ...rest,
    live: { ...live, longestWaitMs: since(live.longestWaitMs) },
    orders: { ...orders, oldestPaidNotShippedMs: since(orders.oldestPaidNotShippedMs) },
  });
}

/**
 * Live KPI rooms over Socket.IO: `join` answers the room's whole snapshot and sequence number;
 * when events change a room's numbers its members get one `update` with only the changed
 * values — at once, or coalesced when the room had one less than 200 ms ago. Updates are volatile: a client whose connection cannot take more right now
 * (a TV on bad Wi-Fi) misses them instead of queueing them without bound, sees the gap in
 * `seq` and asks `resync`, which answers the newest state — so it skips ahead, never behind.
 * A join with `floor` enters the scope's floor room instead: the same, plus the floor (agents
 * one by one, recent abandoned calls), whose changes ride in the same numbered updates.
 *
 * Every connection is authenticated at the handshake and may join rooms of its own tenant
 * only; one whose credential expires or is revoked is told so and disconnected.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  @WebSocketServer() private readonly server!: LiveNamespace;
  private readonly rooms = new Map<string, Room>();
  /** The last hour of each scope's numbers, for the trend lines a join asks for. */
  private readonly trends = new TrendRecorder();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly connections: CredentialConnections;

  constructor(
    @Inject(LiveProjections) private readonly live: LiveProjections,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DisplayScopes) private readonly displayScopes: DisplayScopes,
    @Inject(ENV) env: Env,
  ) {
    this.connections = new CredentialConnections(env.MIERUKA_SOCKETS_PER_CREDENTIAL);
  }

  afterInit(server: LiveNamespace): void {
    server.use((socket, next) => {
      this.admit(socket).then(
        () => next(),
        (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
      );
    });
    // Through the adapter, so a revocation closes this credential's sockets on every instance.
    this.auth.onRevoked((room) => this.signOut(server.in(room), 'revoked'));
    this.live.onChange((tenants) => {
      for (const [name, room] of this.rooms)
        if (tenants.has(room.tenant)) this.schedule(name, room);
    });
    this.timers.push(
      setInterval(() => this.clockTick(), CLOCK_TICK_MS).unref(),
      setInterval(() => this.heartbeat(), HEARTBEAT_MS).unref(),
      setInterval(() => this.sweepCredentials(), CREDENTIAL_SWEEP_MS).unref(),
    );
  }

  /** The handshake's `auth: { token }` must be a valid session or display token. */
  private async admit(socket: LiveSocket): Promise<void> {
    const given = socketAuthSchema.safeParse(socket.handshake.auth);
    if (!given.success) throw new Error('unauthorized: send auth: { token } in the handshake');
    try {
      socket.data.principal = await this.auth.authenticate(given.data.token);
    } catch (error) {
      if (error instanceof AuthError) throw new Error(`unauthorized: ${error.message}`);
      throw error;
    }
    // The most particular of the credential's rooms: a TV's token, or one sign-in.
    const credential = credentialRooms(socket.data.principal).at(-1) ?? socket.id;
    if (!this.connections.admit(credential)) {
      throw new Error(
        `too many connections: at most ${this.connections.max} with one credential (MIERUKA_SOCKETS_PER_CREDENTIAL)`,
      );
    }
    socket.once('disconnect', () => this.connections.release(credential));
    socket.data.budget = new MessageBudget(performance.now());
  }

  /** The refusal of a message past the connection's budget, or undefined when it fits. */
  private overBudget(socket: LiveSocket): JoinAnswer | undefined {
    if (socket.data.budget.take(performance.now())) return undefined;
    return { ok: false, error: `too many messages: at most ${MESSAGES_PER_SECOND} a second` };
  }

  async handleConnection(socket: LiveSocket): Promise<void> {
    await socket.join(credentialRooms(socket.data.principal));
  }

  /** Closes this instance's connections whose credential has expired or was revoked. */
  private sweepCredentials(): void {
    for (const socket of this.server.sockets.values()) {
      const { principal } = socket.data;
      const reason = this.auth.endReason(principal);
      if (reason) this.signOut(this.server.local.in(socket.id), reason);
    }
  }

  private signOut(
    target: BroadcastOperator<LiveServerEvents, SocketData>,
    reason: SignedOut['reason'],
  ): void {
    target.emit('signedOut', { reason });
    target.disconnectSockets(true);
  }

  /**
   * This instance's connections and the most packets any of them has waiting to be written:
   * what the backpressure policy keeps small (volatile updates are dropped, not queued, for a
   * connection that cannot take more).
   */
  connectionStats(): { connections: number; maxBufferedPackets: number; rooms: number } {
    let maxBufferedPackets = 0;
    for (const socket of this.server.sockets.values()) {
      // engine.io keeps its queue private; it is the only measure of what waits for a client.
      const buffered = (socket.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length;
      maxBufferedPackets = Math.max(maxBufferedPackets, buffered);
    }
    return { connections: this.server.sockets.size, maxBufferedPackets, rooms: this.rooms.size };
  }

  onModuleDestroy(): void {
    for (const timer of this.timers) clearInterval(timer);
    for (const room of this.rooms.values()) clearTimeout(room.flushTimer);
  }

  @SubscribeMessage('join')
  async join(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() body: unknown,
  ): Promise<JoinAnswer> {
    const refused = this.overBudget(socket);
    if (refused) return refused;
    const parsed = joinRequestSchema.safeParse(body ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      };
    }
    const { tenant, scope, floor, trend } = parsed.data;
    if (!mayReadTenant(socket.data.principal, tenant)) {
      return { ok: false, error: `forbidden: no access to tenant ${tenant}` };
    }
    const { principal } = socket.data;
    const outOfScope = scopeRefusal(principal, scope);
    if (outOfScope) return { ok: false, error: `forbidden: ${outOfScope}` };
    if (
      principal.kind === 'display' &&
      !(await this.displayScopes.allows(tenant, principal.wallboard, scope, floor))
    ) {
      const what = floor ? `the floor of ${scope}` : scope;
      return {
        ok: false,
        error: `forbidden: wallboard ${principal.wallboard} does not show ${what}`,
      };
    }
    const name = liveRoomName(tenant, scope, floor);
    // socket.rooms also holds the socket's own id and its credential's rooms.
    const own = 1 + credentialRooms(principal).length;
    if (!socket.rooms.has(name) && socket.rooms.size - own >= MAX_ROOMS_PER_SOCKET) {
      return { ok: false, error: `join: at most ${MAX_ROOMS_PER_SOCKET} rooms per connection` };
    }
    // Member first, then the room's state: a tick in between never finds it empty and closes it.
    await socket.join(name);
    const room = this.rooms.get(name) ?? this.open(name, tenant, scope, floor);
    const answer = this.answer(name, room);
    if (trend.length === 0 || !answer.ok) return answer;
    return { ...answer, trend: this.trends.series(liveRoomName(tenant, scope), trend) };
  }

  @SubscribeMessage('resync')
  resync(@ConnectedSocket() socket: LiveSocket, @MessageBody() body: unknown): JoinAnswer {
    const refused = this.overBudget(socket);
    if (refused) return refused;
    const name = (body as { room?: unknown } | null)?.room;
    const room = typeof name === 'string' ? this.rooms.get(name) : undefined;
    if (typeof name !== 'string' || !room || !socket.rooms.has(name))
      return { ok: false, error: 'room: join it first' };
    return this.answer(name, room);
  }

  private open(name: string, tenant: string, scope: Scope, withFloor: boolean): Room {
    const serverTime = this.clock.now();
    const snapshot = this.live.snapshot(tenant, scope);
    const floor = withFloor ? this.live.floor(tenant, scope, serverTime) : undefined;
    this.trends.record(liveRoomName(tenant, scope), serverTime, snapshot);
    const room = {
      tenant,
      scope,
      seq: 0,
      serverTime,
      snapshot,
      steadyKey: steady(snapshot),
      floor,
      floorKey: floor ? JSON.stringify(floor) : '',
      sentAt: 0,
      flushTimer: undefined,
    };
    this.rooms.set(name, room);
    return room;
  }

  private answer(name: string, room: Room): JoinAnswer {
    const { seq, serverTime, snapshot, floor } = room;
    return {
      ok: true,
      protocol: LIVE_PROTOCOL_VERSION,
      room: name,
      seq,
      serverTime,
      snapshot,
      ...(floor ? { floor } : {}),
    };
  }

  /**
   * Every room hears the server's clock and its latest sequence number: a client that missed
   * the last update of a quiet room learns it here and resyncs.
   */
  private heartbeat(): void {
    const serverTime = this.clock.now();
    this.trends.prune(serverTime);
    for (const [name, room] of this.rooms) {
      this.server.local
        .to(name)
        .volatile.emit('heartbeat', { serverTime, room: name, seq: room.seq });
    }
  }

  /** Sends the room its update now, or when its minimum interval has passed. */
  private schedule(name: string, room: Room): void {
    if (room.flushTimer) return;
    const wait = Math.max(0, room.sentAt + MIN_UPDATE_INTERVAL_MS - Date.now());
    room.flushTimer = setTimeout(() => {
      room.flushTimer = undefined;
      this.flush(name, room);
    }, wait);
  }

  /** What the clock alone changes reaches every room once a second. */
  private clockTick(): void {
    for (const [name, room] of this.rooms) if (!room.flushTimer) this.flush(name, room);
  }

  /** Closes the room when it has no members left; otherwise sends its patch if it changed. */
  private flush(name: string, room: Room): void {
    if (this.rooms.get(name) !== room) return; // closed (and maybe reopened) meanwhile
    if (!this.server.adapter.rooms.get(name)?.size) {
      this.rooms.delete(name);
      return;
    }
    const serverTime = this.clock.now();
    const snapshot = this.live.snapshot(room.tenant, room.scope);
    this.trends.record(liveRoomName(room.tenant, room.scope), serverTime, snapshot);
    const steadyKey = steady(snapshot);
    // The floor holds instants, not durations: like the steady snapshot, only events move it.
    const floor = room.floor && this.live.floor(room.tenant, room.scope, serverTime);
    const floorKey = floor ? JSON.stringify(floor) : '';
    if (steadyKey === room.steadyKey && floorKey === room.floorKey) return;
    const patch = diff(room.snapshot, snapshot);
    const floorPatch =
      room.floor && floor && floorKey !== room.floorKey ? diff(room.floor, floor) : undefined;
    room.seq++;
    room.snapshot = snapshot;
    room.serverTime = serverTime;
    room.steadyKey = steadyKey;
    room.floor = floor;
    room.floorKey = floorKey;
    room.sentAt = Date.now();
    // Local sockets only: every instance folds every event and numbers its own rooms'
    // updates, so a broadcast through the adapter would mix two sequences.
    this.server.local.to(name).volatile.emit('update', {
      room: name,
      seq: room.seq,
      serverTime,
      patch,
      ...(floorPatch ? { floorPatch } : {}),
    });
  }
}
