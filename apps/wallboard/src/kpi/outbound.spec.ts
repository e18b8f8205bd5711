import { describe, expect, it } from '@jest/globals';
import type { ListProgress } from '@mieruka/contracts';
import { listRows, outcomeRows } from './outbound';

const list = (listId: string, registered: number, worked: number): ListProgress => ({
  listId,
  campaign: 'teleapo',
  registered,
  worked,
  attempts: worked,
  contacted: 0,
  progress: registered > 0 ? worked / registered : null,
  contactRate: null,
  remaining: Math.max(registered - worked, 0),
});

describe('the dial-outcome breakdown', () => {
  it('shows every outcome in a fixed order with its share of all dials that ended', () => {
    const { rows, total } = outcomeRows({ connected: 6, no_answer: 3, fax: 1 });
    expect(total).toBe(10);
    expect(rows.map((r) => [r.outcome, r.count, r.share])).toEqual([
      ['connected', 6, 0.6],
      ['no_answer', 3, 0.3],
      ['busy', 0, 0],
      ['invalid_number', 0, 0],
      ['fax', 1, 0.1],
      ['answering_machine', 0, 0],
      ['rejected', 0, 0],
      ['other', 0, 0],
    ]);
  });

  it('counts an outcome it does not know as other, and has no share before any dial ended', () => {
    const { rows } = outcomeRows({ connected: 1, voicemail_box_full: 1, other: 2 });
    expect(rows.find((r) => r.outcome === 'other')).toEqual({
      outcome: 'other',
      count: 3,
      share: 0.75,
    });
    expect(outcomeRows({ connected: 0 }).rows.every((r) => r.share === null)).toBe(true);
  });
});

describe('the list-progress tile’s choice of lists', () => {
  it('puts lists still being worked first, most progressed first, finished ones last, then +N', () => {
    const lists = [
      list('done', 100, 100),
      list('b', 1000, 500),
      list('a', 1000, 500),
      list('big', 5000, 500),
      list('fresh', 200, 0),
      list('near', 100, 90),
    ];
    expect(listRows(lists, 10).rows.map((l) => l.listId)).toEqual([
      'near',
      'a',
      'b',
      'big',
      'fresh',
      'done',
    ]);
    const { rows, more } = listRows(lists, 3);
    expect(rows.map((l) => l.listId)).toEqual(['near', 'a', 'b']);
    expect(more).toBe(3);
    expect(listRows([], 3)).toEqual({ rows: [], more: 0 });
  });
});
