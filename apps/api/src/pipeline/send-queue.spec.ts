import { SendQueue } from './send-queue';

/** A send that records its calls and resolves (or fails) when the test says. */
function recorder() {
  const calls: string[][] = [];
  const pending: { resolve(): void; reject(e: Error): void }[] = [];
  const send = (messages: string[]) =>
    new Promise<void>((resolve, reject) => {
      calls.push(messages);
      pending.push({ resolve, reject });
    });
  return { calls, pending, send };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('SendQueue', () => {
  it('sends one batch at a time and coalesces what queued meanwhile', async () => {
    const r = recorder();
    const queue = new SendQueue(r.send, (m: string) => m.length, 100);
    const a = queue.enqueue(['a1', 'a2']);
    const b = queue.enqueue(['b1']);
    const c = queue.enqueue(['c1', 'c2']);
    await flush();
    expect(r.calls).toEqual([['a1', 'a2']]);
    r.pending[0]!.resolve();
    await a;
    await flush();
    expect(r.calls).toEqual([
      ['a1', 'a2'],
      ['b1', 'c1', 'c2'],
    ]);
    r.pending[1]!.resolve();
    await expect(Promise.all([b, c])).resolves.toEqual([undefined, undefined]);
  });

  it('splits by the byte cap and resolves a request only when all of it was sent', async () => {
    const r = recorder();
    const queue = new SendQueue(r.send, () => 40, 100);
    let done = false;
    const all = queue.enqueue(['m1', 'm2', 'm3', 'm4', 'm5']).then(() => (done = true));
    await flush();
    expect(r.calls).toEqual([['m1', 'm2']]);
    r.pending[0]!.resolve();
    await flush();
    expect(done).toBe(false);
    r.pending[1]!.resolve();
    await flush();
    r.pending[2]!.resolve();
    await all;
    expect(r.calls).toEqual([['m1', 'm2'], ['m3', 'm4'], ['m5']]);
  });

  it('fails every request in a failed send and skips the rest of a failed request', async () => {
    const r = recorder();
    const queue = new SendQueue(r.send, () => 40, 100);
    const first = queue.enqueue(['x1', 'x2', 'x3']);
    const second = queue.enqueue(['y1']);
    await flush();
    r.pending[0]!.reject(new Error('broker away'));
    await expect(first).rejects.toThrow('broker away');
    await flush();
    // x3 is not sent: its request already failed. y1 goes on its own.
    expect(r.calls).toEqual([['x1', 'x2'], ['y1']]);
    r.pending[1]!.resolve();
    await expect(second).resolves.toBeUndefined();
  });
});
