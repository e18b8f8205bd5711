import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';
import type {
  JoinAnswer,
  LiveClientEvents,
  LiveServerEvents,
  LiveSnapshot,
} from '@mieruka/contracts';
// Relative, not the @mieruka/kpi alias: a worker thread does not inherit the alias hook.
import { applyPatch } from '../libs/kpi/src/patch';
import { sharedNow } from './report';

/** What the fan-out bench gives each worker: its share of the clients. */
export interface ClientsSetup {
  readonly url: string;
  readonly token: string;
  /** Index of this worker's first client; client i joins room `queue:q(i % rooms)`. */
  readonly first: number;
  readonly count: number;
  readonly rooms: number;
  readonly batches: number;
}

/** What a worker reports once the load is over. */
export interface ClientsResult {
  /** Per client (count × batches): when it first saw each batch (epoch ms), NaN if never. */
  readonly seen: Float64Array;
  readonly gaps: number;
  /** The witnesses' (clients first..first+rooms-1 that apply every patch) counts per room. */
  readonly witnesses: { room: number; counts: number[] }[];
  /** This thread's event-loop delay, p99 (ms). */
  readonly loopDelayP99: number;
}

type Client = Socket<LiveServerEvents, LiveClientEvents>;

/**
 * A share of the fan-out bench's simulated TVs, in a thread of its own: 2,000 clients in one
 * event loop would queue each update behind the others' (and delay the load generator's own
 * timestamps), which no real screen — each with its own CPU — suffers.
 */
async function run(setup: ClientsSetup): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('run as a worker thread');
  const clients: Client[] = [];
  const seen = new Float64Array(setup.count * setup.batches).fill(Number.NaN);
  const witnesses: { room: number; snapshot: LiveSnapshot }[] = [];
  let gaps = 0;
  const loop = monitorEventLoopDelay({ resolution: 10 });

  for (let start = 0; start < setup.count; start += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, setup.count - start) }, async (_, j) => {
        const local = start + j;
        const index = setup.first + local;
        const room = index % setup.rooms;
        const client: Client = io(setup.url, {
          transports: ['websocket'],
          forceNew: true,
          auth: { token: setup.token },
        });
        clients.push(client);
        const joined = (await client
          .timeout(30_000)
          .emitWithAck('join', { scope: `queue:q${room}` })) as JoinAnswer;
        if (!joined.ok) throw new Error(joined.error);
        let seq = joined.seq;
        let next = 0;
        const witness = index < setup.rooms ? { room, snapshot: joined.snapshot } : undefined;
        if (witness) witnesses.push(witness);
        client.on('update', (update) => {
          const arrived = sharedNow();
          if (update.seq !== seq + 1) gaps++;
          seq = update.seq;
          // Only a witness applies the whole patch (checked against the API at the end); the
          // others read the one number they measure by.
          let offered: number | undefined;
          if (witness) {
            witness.snapshot = applyPatch(witness.snapshot, update.patch);
            offered = witness.snapshot.windows.today.offered;
          } else {
            const op = update.patch.find(([path]) => path.join('.') === 'windows.today.offered');
            offered = typeof op?.[1] === 'number' ? op[1] : undefined;
          }
          // Batch b brings every queue to 2 (b + 1) offered calls.
          while (offered !== undefined && next < setup.batches && offered >= 2 * (next + 1)) {
            seen[local * setup.batches + next] = arrived;
            next++;
          }
        });
      }),
    );
  }
  loop.enable();
  port.postMessage({ kind: 'ready' });
  port.on('message', (message: { kind: 'finish' | 'close' }) => {
    if (message.kind === 'finish') {
      loop.disable();
      const result: ClientsResult = {
        seen,
        gaps,
        witnesses: witnesses.map(({ room, snapshot }) => {
          const { offered, answered, wrapped, abandoned } = snapshot.windows.today;
          return { room, counts: [offered, answered, wrapped, abandoned] };
        }),
        loopDelayP99: loop.percentile(99) / 1e6,
      };
      port.postMessage({ kind: 'result', result });
    } else {
      for (const client of clients) client.close();
      port.close();
    }
  });
}

void run(workerData as ClientsSetup);
