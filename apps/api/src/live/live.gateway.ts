import { Inject, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import {
  LIVE_NAMESPACE,
  LIVE_PROTOCOL_VERSION,
  joinRequestSchema,
  type JoinAnswer,
  type LiveClientEvents,
  type LiveServerEvents,
  type LiveSnapshot,
  type Scope,
} from '@mieruka/contracts';
import { diff } from '@mieruka/kpi';
import { CLOCK, type Clock } from '../config/tokens';
import { LiveProjections } from './live-projections';

/** How often rooms are checked for changes: at most this many updates a second, coalesced. */
const TICK_MS = 250;
const HEARTBEAT_MS = 5_000;
/** A wallboard shows a few scopes at once; more rooms than this per connection is abuse. */
const MAX_ROOMS_PER_SOCKET = 32;

interface Room {
  readonly tenant: string;
  readonly scope: Scope;
  seq: number;
  serverTime: number;
  snapshot: LiveSnapshot;
  /** The snapshot without what moves by itself with the clock (see `steady`). */
  steadyKey: string;
}

/**
 * What changes only when events do: the snapshot without `at`, and the longest wait as the
 * instant the oldest caller started waiting. The clock alone then never causes an update;
 * clients tick waits themselves from the server's timestamps.
 */
function steady(snapshot: LiveSnapshot, at: number): string {
  const { at: _at, live, ...rest } = snapshot;
  const waitingSince = live.longestWaitMs === null ? null : at - live.longestWaitMs;
  return JSON.stringify({ ...rest, live: { ...live, longestWaitMs: waitingSince } });
}

/**
 * Live KPI rooms over Socket.IO: `join` answers the room's whole snapshot and sequence number;
 * every tick, each room with members whose numbers changed gets one `update` with only the
 * changed values. Updates are volatile: a client whose connection cannot take more right now
 * (a TV on bad Wi-Fi) misses them instead of queueing them without bound, sees the gap in
 * `seq` and asks `resync`, which answers the newest state — so it skips ahead, never behind.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit, OnModuleDestroy {
  @WebSocketServer() private readonly server!: Namespace<LiveClientEvents, LiveServerEvents>;
  private readonly rooms = new Map<string, Room>();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    @Inject(LiveProjections) private readonly live: LiveProjections,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  afterInit(): void {
    this.timers.push(
      setInterval(() => this.tick(), TICK_MS).unref(),
      setInterval(() => this.heartbeat(), HEARTBEAT_MS).unref(),
    );
  }

  onModuleDestroy(): void {
    for (const timer of this.timers) clearInterval(timer);
  }

  @SubscribeMessage('join')
  async join(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<JoinAnswer> {
    const parsed = joinRequestSchema.safeParse(body ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      };
    }
    const { tenant, scope } = parsed.data;
    const name = `${tenant}|${scope}`;
    // socket.rooms also holds the socket's own id.
    if (!socket.rooms.has(name) && socket.rooms.size > MAX_ROOMS_PER_SOCKET) {
      return { ok: false, error: `join: at most ${MAX_ROOMS_PER_SOCKET} rooms per connection` };
    }
    // Member first, then the room's state: a tick in between never finds it empty and closes it.
    await socket.join(name);
    const room = this.rooms.get(name) ?? this.open(name, tenant, scope);
    return this.answer(name, room);
  }

  @SubscribeMessage('resync')
  resync(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): JoinAnswer {
    const name = (body as { room?: unknown } | null)?.room;
    const room = typeof name === 'string' ? this.rooms.get(name) : undefined;
    if (typeof name !== 'string' || !room || !socket.rooms.has(name))
      return { ok: false, error: 'room: join it first' };
    return this.answer(name, room);
  }

  private open(name: string, tenant: string, scope: Scope): Room {
    const serverTime = this.clock.now();
    const snapshot = this.live.snapshot(tenant, scope);
    const room = {
      tenant,
      scope,
      seq: 0,
      serverTime,
      snapshot,
      steadyKey: steady(snapshot, serverTime),
    };
    this.rooms.set(name, room);
    return room;
  }

  private answer(name: string, room: Room): JoinAnswer {
    const { seq, serverTime, snapshot } = room;
    return { ok: true, protocol: LIVE_PROTOCOL_VERSION, room: name, seq, serverTime, snapshot };
  }

  /**
   * Every room hears the server's clock and its latest sequence number: a client that missed
   * the last update of a quiet room learns it here and resyncs.
   */
  private heartbeat(): void {
    const serverTime = this.clock.now();
    for (const [name, room] of this.rooms) {
      this.server.to(name).volatile.emit('heartbeat', { serverTime, room: name, seq: room.seq });
    }
  }

  /** One pass over the rooms: close empty ones, send each changed one its patch. */
  private tick(): void {
    for (const [name, room] of this.rooms) {
      if (!this.server.adapter.rooms.get(name)?.size) {
        this.rooms.delete(name);
        continue;
      }
      const serverTime = this.clock.now();
      const snapshot = this.live.snapshot(room.tenant, room.scope);
      const steadyKey = steady(snapshot, serverTime);
      if (steadyKey === room.steadyKey) continue;
      const patch = diff(room.snapshot, snapshot);
      room.seq++;
      room.snapshot = snapshot;
      room.serverTime = serverTime;
      room.steadyKey = steadyKey;
      this.server
        .to(name)
        .volatile.emit('update', { room: name, seq: room.seq, serverTime, patch });
    }
  }
}
