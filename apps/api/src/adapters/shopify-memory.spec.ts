import { ShopifyMemory } from './shopify-memory';

describe('ShopifyMemory', () => {
  it('remembers webhook ids inside the window and forgets older ones', () => {
    const memory = new ShopifyMemory();
    memory.delivered('w-1', 1_000, 0);
    memory.delivered('w-2', 5_000, 0);
    expect([memory.seen('w-1'), memory.seen('w-2')]).toEqual([true, true]);
    // The window moves past w-1's trigger time: the next delivery drops it.
    memory.delivered('w-3', 9_000, 2_000);
    expect([memory.seen('w-1'), memory.seen('w-2'), memory.seen('w-3')]).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('keeps at most its bound of ids and links, oldest forgotten first', () => {
    const memory = new ShopifyMemory(2);
    for (const id of ['a', 'b', 'c']) memory.delivered(id, 10, 0);
    expect(['a', 'b', 'c'].map((id) => memory.seen(id))).toEqual([false, true, true]);
    memory.learn('1', '#1001');
    memory.learn('2', '#1002');
    memory.learn('1', '#1001'); // learned again: now the newest
    memory.learn('3', '#1003');
    expect(['1', '2', '3'].map((id) => memory.link(id))).toEqual(['#1001', undefined, '#1003']);
  });
});
