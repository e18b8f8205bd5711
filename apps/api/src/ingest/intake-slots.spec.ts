import { IntakeBusyError, IntakeSlots } from './intake-slots';

const LIMITS = { runningPerSender: 1, running: 2, waitingPerSender: 1, waiting: 2 };

/** A piece of work that ends when the test says so. */
function held() {
  let end: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (end = resolve));
  return { work: () => done, end };
}

describe('IntakeSlots', () => {
  it('runs a sender’s share at once, queues one more, refuses the rest', async () => {
    const slots = new IntakeSlots(LIMITS);
    const order: string[] = [];
    const first = held();
    const running = slots.run('a', async () => {
      order.push('a1');
      await first.work();
    });
    const waiting = slots.run('a', () => {
      order.push('a2');
      return Promise.resolve();
    });
    await expect(slots.run('a', () => Promise.resolve())).rejects.toEqual(
      new IntakeBusyError('sender'),
    );
    expect(order).toEqual(['a1']);
    first.end();
    await Promise.all([running, waiting]);
    expect(order).toEqual(['a1', 'a2']);
  });

  it('lets another sender run while one sender’s requests wait', async () => {
    const slots = new IntakeSlots(LIMITS);
    const a = held();
    const order: string[] = [];
    const a1 = slots.run('a', a.work);
    const a2 = slots.run('a', () => {
      order.push('a2');
      return Promise.resolve();
    });
    await slots.run('b', () => {
      order.push('b1');
      return Promise.resolve();
    });
    expect(order).toEqual(['b1']);
    a.end();
    await Promise.all([a1, a2]);
    expect(order).toEqual(['b1', 'a2']);
  });

  it('refuses when everyone’s turns and waiting places are taken, and frees them after', async () => {
    const slots = new IntakeSlots(LIMITS);
    const jobs = ['a', 'b', 'c', 'd'].map((sender) => ({ sender, ...held() }));
    const runs = jobs.map(({ sender, work }) => slots.run(sender, work));
    await expect(slots.run('e', () => Promise.resolve())).rejects.toEqual(
      new IntakeBusyError('everyone'),
    );
    for (const job of jobs) job.end();
    await Promise.all(runs);
    await expect(slots.run('e', () => Promise.resolve('done'))).resolves.toBe('done');
  });

  it('frees the turn of work that failed', async () => {
    const slots = new IntakeSlots(LIMITS);
    await expect(slots.run('a', () => Promise.reject(new Error('store down')))).rejects.toThrow(
      'store down',
    );
    await expect(slots.run('a', () => Promise.resolve(1))).resolves.toBe(1);
  });
});
