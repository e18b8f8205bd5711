import { setImmediate as otherWorkFirst } from 'node:timers/promises';
import { parseItems, type BatchItem, type LocatedBatch } from '@mieruka/contracts';

/** Items parsed between two turns of the event loop: a few milliseconds of work. */
const ITEMS_PER_TURN = 1_000;

/**
 * The items of a located body, parsed a thousand at a time with the event loop free in
 * between, so a heavy body from one sender never holds up a probe, a screen or another
 * tenant's request.
 */
export async function readBatch(located: LocatedBatch): Promise<BatchItem[]> {
  const items: BatchItem[] = [];
  for (let from = 0; from < located.spans.length; from += ITEMS_PER_TURN) {
    if (from > 0) await otherWorkFirst();
    items.push(...parseItems(located, from, from + ITEMS_PER_TURN));
  }
  return items;
}
