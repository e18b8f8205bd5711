import { onUnmounted, ref, shallowRef, watch, type Ref } from 'vue';
import { io, type Socket } from 'socket.io-client';
import type {
  Floor,
  JoinAnswer,
  LiveClientEvents,
  LiveServerEvents,
  LiveSnapshot,
  TrendPoint,
  TrendSeries,
} from '@mieruka/contracts';
import { LIVE_NAMESPACE } from '@mieruka/contracts/values';
import { applyPatch } from '@mieruka/kpi/patch';
import { renewCredential, wallboardCredential, type Credential } from '../api/credential';
import { RoomSync } from '../live/room-sync';
import { ServerClock } from '../live/server-clock';

type LiveSocket = Socket<LiveServerEvents, LiveClientEvents>;

/** No heartbeat (every 5 s) nor update for this long: the numbers are no longer current. */
export const STALE_AFTER_MS = 12_000;
/** …and a connection this silent is broken even if the socket thinks otherwise: reconnect. */
const RECONNECT_AFTER_MS = 20_000;
/** A refused display token is retried this often (an admin may re-enable the screen). */
const UNPAIRED_RETRY_MS = 30_000;
const ACK_TIMEOUT_MS = 8_000;

export type Connection = 'connecting' | 'live' | 'stale' | 'unpaired' | 'revoked' | 'signedOut';

/** A room's newest state as the page sees it. */
export interface RoomView {
  readonly snapshot: LiveSnapshot;
  /** When the room was joined with its floor (a floor tile shows this scope). */
  readonly floor?: Floor;
  /** Server time the snapshot was taken at (epoch ms). */
  readonly serverTime: number;
  /** When it arrived, on this screen's monotonic clock (`performance.now()`). */
  readonly receivedAt: number;
}

export interface LiveRooms {
  /** By scope. Replaced (not mutated) on every change, so a shallow watch sees it. */
  readonly rooms: Readonly<Ref<ReadonlyMap<string, RoomView>>>;
  readonly connection: Readonly<Ref<Connection>>;
  /** The server's time of the last fresh data (for "last update 14:02:31"), epoch ms. */
  readonly lastFreshAt: Readonly<Ref<number | null>>;
  /** The server's clock now, learned from its messages; null before the first one. */
  readonly serverClock: ServerClock;
  /**
   * By scope: the last hour of the trend lines asked for, as the server answered the latest
   * join (by `trendSeriesName`). Replaced, not mutated, on every join's answer.
   */
  readonly trends: Readonly<
    Ref<ReadonlyMap<string, Readonly<Record<string, readonly TrendPoint[]>>>>
  >;
}

/**
 * The live socket of one screen: joins a room per scope, keeps each snapshot current by
 * applying numbered patches in order (a gap asks `resync`), and watches freshness. The socket
 * reconnects with backoff by itself (API restart, Wi-Fi loss); a heartbeat watchdog catches a
 * connection that went silent without closing; a TV waking from sleep checks at once. When the
 * data is not current the page is told (`connection`), never shown old numbers as live.
 *
 * Memory stays flat over days: one snapshot per scope (and one bounded floor where a floor
 * tile shows it), no history of messages.
 *
 * `floorScopes` (a subset of `scopes`) are joined with their floor: agents one by one and the
 * recent abandoned calls, which only floor tiles need.
 */
export function useLiveRooms(
  tenant: Ref<string | null>,
  scopes: Ref<readonly string[]>,
  floorScopes: Ref<readonly string[]> = ref([]),
  trendSeries: Ref<ReadonlyMap<string, readonly TrendSeries[]>> = ref(new Map()),
): LiveRooms {
  const rooms = shallowRef<ReadonlyMap<string, RoomView>>(new Map());
  const trends = shallowRef<ReadonlyMap<string, Readonly<Record<string, readonly TrendPoint[]>>>>(
    new Map(),
  );
  const connection = ref<Connection>('connecting');
  const lastFreshAt = ref<number | null>(null);

  /** By room name (`tenant|scope`, as the server names it). */
  let syncs = new Map<string, { scope: string; sync: RoomSync; receivedAt: number }>();
  let lastMessageAt = performance.now();
  let credential: Credential | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const serverClock = new ServerClock();

  const socket: LiveSocket = io(LIVE_NAMESPACE, {
    autoConnect: false,
    transports: ['websocket'],
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 10_000,
    randomizationFactor: 0.5,
    timeout: ACK_TIMEOUT_MS,
    // Read at every (re)connection: a renewed session's new token is used.
    auth: (send) => {
      credential = wallboardCredential();
      send({ token: credential?.token ?? '' });
    },
  });

  /** A message stamped with the server's time arrived: the data is fresh, the clock learns. */
  function heard(serverTime: number): void {
    lastMessageAt = performance.now();
    serverClock.observe(serverTime, lastMessageAt);
    lastFreshAt.value = serverTime;
    if (connection.value === 'stale' || connection.value === 'connecting') {
      connection.value = socket.connected && syncs.size > 0 ? 'live' : connection.value;
    }
  }

  function publish(): void {
    const next = new Map<string, RoomView>();
    for (const { scope, sync, receivedAt } of syncs.values()) {
      if (sync.snapshot && sync.serverTime !== undefined) {
        const floor = sync.floor ? { floor: sync.floor } : {};
        next.set(scope, {
          snapshot: sync.snapshot,
          serverTime: sync.serverTime,
          receivedAt,
          ...floor,
        });
      }
    }
    rooms.value = next;
  }

  function load(answer: JoinAnswer, scope: string): void {
    if (!answer.ok) {
      console.warn(`live: ${scope}: ${answer.error}`);
      return;
    }
    const entry = syncs.get(answer.room) ?? {
      scope,
      sync: new RoomSync(applyPatch),
      receivedAt: 0,
    };
    entry.sync.load(answer);
    entry.receivedAt = performance.now();
    syncs.set(answer.room, entry);
    if (answer.trend) trends.value = new Map(trends.value).set(scope, answer.trend);
    publish();
    heard(answer.serverTime);
  }

  async function joinAll(): Promise<void> {
    const t = tenant.value;
    if (!t || !socket.connected) return;
    syncs = new Map();
    const wanted = [...scopes.value];
    const withFloor = new Set(floorScopes.value);
    await Promise.all(
      wanted.map(async (scope) => {
        const floor = withFloor.has(scope);
        const trend = trendSeries.value.get(scope) ?? [];
        try {
          // socket.io-client's typings lose the answer's type behind timeout() (it reads `any`).
          const answer = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('join', {
            tenant: t,
            scope,
            ...(floor ? { floor } : {}),
            ...(trend.length > 0 ? { trend: [...trend] } : {}),
          })) as JoinAnswer;
          load(answer, scope);
        } catch {
          // No answer (the connection dropped meanwhile): the next connect joins again.
        }
      }),
    );
    if (syncs.size > 0) connection.value = 'live';
  }

  function resync(room: string): void {
    const entry = syncs.get(room);
    if (!entry) return;
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('resync', { room })
      .then(
        (answer) => load(answer as JoinAnswer, entry.scope),
        () => entry.sync.resyncFailed(),
      );
  }

  socket.on('connect', () => {
    clearTimeout(retryTimer);
    void joinAll();
  });

  socket.on('update', (update) => {
    const entry = syncs.get(update.room);
    if (!entry) return;
    heard(update.serverTime);
    const outcome = entry.sync.update(update);
    if (outcome === 'applied') {
      entry.receivedAt = performance.now();
      publish();
    } else if (outcome === 'resync') resync(update.room);
  });

  socket.on('heartbeat', (beat) => {
    const entry = syncs.get(beat.room);
    if (!entry) return;
    heard(beat.serverTime);
    if (entry.sync.heartbeat(beat.seq) === 'resync') resync(beat.room);
  });

  socket.on('signedOut', ({ reason }) => {
    void refused(reason);
  });

  socket.on('disconnect', (reason) => {
    if (connection.value === 'live' || connection.value === 'connecting')
      connection.value = 'stale';
    // The server closed us on purpose (signedOut handles its own); anything else reconnects by itself.
    if (reason === 'io server disconnect' && connection.value === 'stale') socket.connect();
  });

  socket.on('connect_error', (error) => {
    if (connection.value === 'live') connection.value = 'stale';
    // A refusal by the server's auth check is final for this attempt: Socket.IO will not retry it.
    if (!socket.active && error.message.startsWith('unauthorized')) {
      void refused(/revoked|expired/.test(error.message) ? 'revoked' : 'refused');
    }
  });

  /** The credential was refused, expired or revoked: renew a session, or tell the screen. */
  async function refused(why: 'refused' | 'expired' | 'revoked'): Promise<void> {
    const used = credential ?? wallboardCredential();
    if (await renewCredential(used)) {
      socket.disconnect().connect();
      return;
    }
    if (used?.kind === 'session') {
      connection.value = 'signedOut';
      return;
    }
    connection.value = used && why !== 'refused' ? 'revoked' : 'unpaired';
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => socket.connect(), UNPAIRED_RETRY_MS);
  }

  /** Every second: is what we show still current? */
  const watchdog = setInterval(() => {
    const silent = performance.now() - lastMessageAt;
    if (connection.value === 'live' && silent > STALE_AFTER_MS) connection.value = 'stale';
    if (socket.connected && silent > RECONNECT_AFTER_MS) {
      lastMessageAt = performance.now(); // one forced reconnect per silent spell
      socket.disconnect().connect();
    }
  }, 1_000);

  /** A TV waking up: its timers slept too, so check now rather than in a second. */
  function onVisible(): void {
    if (document.visibilityState !== 'visible') return;
    const silent = performance.now() - lastMessageAt;
    if (silent > STALE_AFTER_MS) {
      if (connection.value === 'live') connection.value = 'stale';
      socket.disconnect().connect();
    } else {
      for (const room of syncs.keys()) resync(room);
    }
  }
  document.addEventListener('visibilitychange', onVisible);

  // Start (or start over) when the tenant or the set of scopes changes: there is no "leave",
  // so a new connection joins exactly the rooms the layout shows.
  watch(
    [tenant, () => scopes.value.join('\n'), () => floorScopes.value.join('\n')],
    ([t]) => {
      if (!t) return;
      if (socket.connected) socket.disconnect();
      connection.value = 'connecting';
      socket.connect();
    },
    { immediate: true },
  );

  onUnmounted(() => {
    clearInterval(watchdog);
    clearTimeout(retryTimer);
    document.removeEventListener('visibilitychange', onVisible);
    socket.removeAllListeners();
    socket.close();
  });

  return { rooms, connection, lastFreshAt, serverClock, trends };
}
