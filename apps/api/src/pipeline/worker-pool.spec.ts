import { Worker } from 'node:worker_threads';
import { WorkerPool } from './worker-pool';

/**
 * A worker that doubles numbers, answers -1 with an error, dies on -2 (process.exit in the
 * thread) and throws out of its handler on -3: each way a real worker can fail.
 */
const DOUBLER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ id, job }) => {
  if (job === -1) return parentPort.postMessage({ id, error: 'no negatives' });
  if (job === -2) process.exit(7);
  if (job === -3) throw new Error('thrown in the thread');
  setTimeout(() => parentPort.postMessage({ id, answer: job * 2 }), job % 3);
});`;

describe('WorkerPool', () => {
  let spawned = 0;
  const spawn = () => {
    spawned++;
    return new Worker(DOUBLER, { eval: true });
  };
  let pool: WorkerPool<number, number>;
  const crashes: string[] = [];
  beforeEach(() => {
    spawned = 0;
    crashes.length = 0;
    pool = new WorkerPool<number, number>(2, spawn, (reason) => crashes.push(reason));
  });
  afterEach(() => pool.close());

  it('answers each job with its own answer, on at most `size` threads', async () => {
    const jobs = Array.from({ length: 50 }, (_, i) => i);
    await expect(Promise.all(jobs.map((j) => pool.run(j)))).resolves.toEqual(
      jobs.map((j) => j * 2),
    );
    expect(spawned).toBe(2);
  });

  it('fails only the job a worker answered with an error, and keeps that worker', async () => {
    const answers = await Promise.allSettled([pool.run(1), pool.run(-1), pool.run(2)]);
    expect(answers).toEqual([
      { status: 'fulfilled', value: 2 },
      { status: 'rejected', reason: new Error('worker: no negatives') },
      { status: 'fulfilled', value: 4 },
    ]);
    expect(crashes).toEqual([]);
  });

  it.each([
    [-2, /worker thread died \(exited, exit code 7\)/],
    [-3, /worker thread died \(thrown in the thread, exit code 1\)/],
  ])(
    'fails the job of a worker that dies (%d), replaces it, and loses no other job',
    async (poison, why) => {
      const jobs = [1, 2, poison, 3, 4, 5, 6];
      const answers = await Promise.allSettled(jobs.map((j) => pool.run(j)));
      const rejected = answers.filter((a) => a.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect(String((rejected[0] as PromiseRejectedResult).reason)).toMatch(why);
      expect(answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []))).toEqual([
        2, 4, 6, 8, 10, 12,
      ]);
      expect(crashes).toHaveLength(1);
      // The two, and one in the dead one's place if a job still waited for a thread then.
      expect(spawned).toBeLessThanOrEqual(3);
      // The job is pure work: done again, it is answered.
      await expect(pool.run(7)).resolves.toBe(14);
    },
  );

  it('fails what is queued or running when closed, and takes nothing after', async () => {
    const running = expect(pool.run(1)).rejects.toThrow('worker pool: closed');
    const queued = expect(pool.run(2)).rejects.toThrow('worker pool: closed');
    const waiting = expect(pool.run(3)).rejects.toThrow('worker pool: closed');
    await pool.close();
    await Promise.all([running, queued, waiting]);
    await expect(pool.run(2)).rejects.toThrow('worker pool: closed');
  });
});
