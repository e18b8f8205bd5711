import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PREPARE_WORKER_FILE, type PrepareAnswer, type PrepareJob } from '@mieruka/store';
import { WorkerPool } from './worker-pool';

export type PreparePool = WorkerPool<PrepareJob, PrepareAnswer>;

/**
 * The repository: four folders above this file in the sources (Jest), five when built
 * (dist/apps/api/src/pipeline).
 */
const ROOT = join(__dirname, ...Array<string>(__filename.endsWith('.ts') ? 4 : 5).fill('..'));

/**
 * A prepare worker, started through scripts/ts-worker.js: a worker thread does not inherit the
 * main thread's `@mieruka/*` aliases (nor, under Jest, its TypeScript compiler).
 */
export function spawnPrepareWorker(): Worker {
  return new Worker(join(ROOT, 'scripts', 'ts-worker.js'), {
    workerData: { entry: PREPARE_WORKER_FILE },
  });
}

/** `size` prepare workers, or undefined for 0: the batches are then prepared inline. */
export function createPreparePool(
  size: number,
  onCrash: (reason: string) => void,
  spawn: () => Worker = spawnPrepareWorker,
): PreparePool | undefined {
  return size > 0 ? new WorkerPool<PrepareJob, PrepareAnswer>(size, spawn, onCrash) : undefined;
}
