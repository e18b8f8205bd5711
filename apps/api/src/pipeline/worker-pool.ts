import type { Worker } from 'node:worker_threads';

/**
 * A fixed number of worker threads answering jobs, first come first served. The protocol is
 * the workers': each gets `{ id, job }` and answers `{ id, answer }` or `{ id, error }`.
 *
 * A worker that dies (an uncaught error, an exit, running out of memory) fails the job it
 * held with WorkerDied, which its caller does again, and is replaced when the next job needs
 * a thread: replaced lazily, so a worker that cannot even start fails jobs one by one instead
 * of respawning in a loop. Jobs are pure work (nothing was stored), so a failed one is simply
 * done again.
 */
export class WorkerPool<Job, Answer> {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Running<Answer>>();
  private readonly queue: Queued<Job, Answer>[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    readonly size: number,
    private readonly spawn: () => Worker,
    /** Hears each worker that died, with the reason (logged by the caller). */
    private readonly onCrash: (reason: string) => void = () => undefined,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('a pool needs 1 worker or more');
  }

  /** The answer to `job`, from the first free worker; `transfer` moves buffers instead of copying. */
  run(job: Job, transfer: ArrayBuffer[] = []): Promise<Answer> {
    if (this.closed) return Promise.reject(new Error('worker pool: closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ job, transfer, resolve, reject });
      this.dispatch();
    });
  }

  /** Ends every worker; jobs still queued or running fail. */
  async close(): Promise<void> {
    this.closed = true;
    for (const { reject } of this.queue.splice(0)) reject(new Error('worker pool: closed'));
    const workers = [...this.idle.splice(0), ...this.busy.keys()];
    for (const running of this.busy.values()) running.reject(new Error('worker pool: closed'));
    this.busy.clear();
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const worker = this.idle.pop() ?? (this.count < this.size ? this.start() : undefined);
      if (!worker) return;
      const { job, transfer, resolve, reject } = this.queue.shift() as Queued<Job, Answer>;
      const id = this.nextId++;
      this.busy.set(worker, { id, resolve, reject });
      worker.postMessage({ id, job }, transfer);
    }
  }

  private get count(): number {
    return this.idle.length + this.busy.size;
  }

  private start(): Worker {
    const worker = this.spawn();
    worker.on('message', (message: Reply<Answer>) => {
      const running = this.busy.get(worker);
      if (!running || running.id !== message.id) return;
      this.busy.delete(worker);
      this.idle.push(worker);
      if ('error' in message) running.reject(new Error(`worker: ${message.error}`));
      else running.resolve(message.answer);
      this.dispatch();
    });
    let reason = 'exited';
    worker.on('error', (error) => (reason = error.message));
    worker.on('exit', (code) => {
      if (this.closed) return;
      const running = this.busy.get(worker);
      this.busy.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
      const why = `worker thread died (${reason}, exit code ${code})`;
      this.onCrash(why);
      running?.reject(new WorkerDied(why));
      this.dispatch();
    });
    return worker;
  }
}

/** A job's failure because its worker died, not because of the job's answer. */
export class WorkerDied extends Error {
  override readonly name = 'WorkerDied';
}

interface Running<Answer> {
  readonly id: number;
  readonly resolve: (answer: Answer) => void;
  readonly reject: (error: Error) => void;
}

interface Queued<Job, Answer> extends Omit<Running<Answer>, 'id'> {
  readonly job: Job;
  readonly transfer: ArrayBuffer[];
}

type Reply<Answer> =
  | { readonly id: number; readonly answer: Answer }
  | { readonly id: number; readonly error: string };
