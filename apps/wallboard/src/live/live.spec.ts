import { describe, expect, it } from '@jest/globals';
import type { Floor, LiveSnapshot, LiveUpdate } from '@mieruka/contracts';
import { applyPatch } from '@mieruka/kpi/patch';
import { RoomSync } from './room-sync';
import { Trend, TrendBook } from './trend';

/** Just enough of a snapshot for the sync logic: it never looks inside. */
const snapshot = (offered: number) =>
  ({ at: 't', windows: { today: { offered } }, live: { inQueue: 0 } }) as unknown as LiveSnapshot;
const update = (seq: number, offered: number): LiveUpdate => ({
  room: 'default|tenant',
  seq,
  serverTime: 1000 + seq,
  patch: [[['windows', 'today', 'offered'], offered]],
});
const offered = (sync: RoomSync) =>
  (sync.snapshot as unknown as { windows: { today: { offered: number } } }).windows.today.offered;

describe('RoomSync', () => {
  const joined = () => {
    const sync = new RoomSync(applyPatch);
    sync.load({ room: 'default|tenant', seq: 4, serverTime: 1000, snapshot: snapshot(10) });
    return sync;
  };

  it('applies updates in order and ignores old or repeated ones', () => {
    const sync = joined();
    expect(sync.update(update(5, 11))).toBe('applied');
    expect(sync.update(update(6, 12))).toBe('applied');
    expect(sync.update(update(6, 99))).toBe('ignored');
    expect(sync.update(update(3, 99))).toBe('ignored');
    expect(offered(sync)).toBe(12);
    expect(sync.seq).toBe(6);
    expect(sync.serverTime).toBe(1006);
  });

  it('asks for a resync at a gap, ignores updates until the answer, then carries on from it', () => {
    const sync = joined();
    expect(sync.update(update(6, 12))).toBe('resync');
    expect(sync.update(update(7, 13))).toBe('ignored');
    expect(offered(sync)).toBe(10); // never a guess
    sync.load({ room: 'default|tenant', seq: 7, serverTime: 2000, snapshot: snapshot(13) });
    expect(sync.update(update(8, 14))).toBe('applied');
    expect(offered(sync)).toBe(14);
  });

  it('resyncs when a heartbeat is ahead, and lets a failed resync be retried', () => {
    const sync = joined();
    expect(sync.heartbeat(4)).toBe('ignored');
    expect(sync.heartbeat(5)).toBe('resync');
    expect(sync.heartbeat(5)).toBe('ignored'); // one request at a time
    sync.resyncFailed();
    expect(sync.heartbeat(5)).toBe('resync');
  });

  it('takes a restarted server’s lower sequence from its join answer', () => {
    const sync = joined();
    sync.load({ room: 'default|tenant', seq: 0, serverTime: 5000, snapshot: snapshot(10) });
    expect(sync.update(update(1, 11))).toBe('applied');
  });

  it('ignores everything before the first join answer', () => {
    const sync = new RoomSync(applyPatch);
    expect(sync.update(update(1, 1))).toBe('ignored');
    expect(sync.heartbeat(3)).toBe('ignored');
    expect(sync.snapshot).toBeUndefined();
  });
});

describe('RoomSync in a floor room', () => {
  const floor = (state: 'available' | 'on_call'): Floor => ({
    agents: { 'a-1': { state, since: '2026-11-24T09:00:00.000+09:00' } },
    agentsOmitted: 0,
    abandoned: [],
  });

  it('keeps the floor beside the snapshot, patched under the same sequence numbers', () => {
    const sync = new RoomSync(applyPatch);
    sync.load({
      room: 'default|floor|tenant',
      seq: 1,
      serverTime: 1000,
      snapshot: snapshot(10),
      floor: floor('available'),
    });
    const next: LiveUpdate = {
      ...update(2, 11),
      floorPatch: [[['agents', 'a-1', 'state'], 'on_call']],
    };
    expect(sync.update(next)).toBe('applied');
    expect(sync.floor).toEqual(floor('on_call'));
    expect(offered(sync)).toBe(11);
    // An update that moved only the numbers leaves the floor as it was.
    expect(sync.update(update(3, 12))).toBe('applied');
    expect(sync.floor).toEqual(floor('on_call'));
    // A gap resyncs both.
    expect(sync.update({ ...update(5, 13), floorPatch: [[['agents'], {}]] })).toBe('resync');
    expect(sync.floor).toEqual(floor('on_call'));
  });

  it('has no floor in a plain room, even if an update carried one', () => {
    const sync = new RoomSync(applyPatch);
    sync.load({ room: 'default|tenant', seq: 1, serverTime: 1000, snapshot: snapshot(10) });
    expect(sync.update({ ...update(2, 11), floorPatch: [[['agents'], {}]] })).toBe('applied');
    expect(sync.floor).toBeUndefined();
  });
});

describe('Trend', () => {
  it('keeps one point per bucket, the latest value', () => {
    const trend = new Trend({ capacity: 10, bucketMs: 1000 });
    trend.add(1000, 1);
    trend.add(1500, 2);
    trend.add(2100, null);
    expect(trend.values()).toEqual([
      [1000, 2],
      [2100, null],
    ]);
    trend.add(900, 5); // older than the last: ignored
    expect(trend.size).toBe(2);
  });

  it('never holds more than its capacity, however long it runs', () => {
    const trend = new Trend({ capacity: 120, bucketMs: 30_000 });
    for (let i = 0; i < 10_000; i++) trend.add(i * 30_000, i);
    expect(trend.size).toBe(120);
    expect(trend.values()[0]).toEqual([9880 * 30_000, 9880]);
  });

  it('takes the server’s last hour under its own points, one per bucket, within capacity', () => {
    const trend = new Trend({ capacity: 4, bucketMs: 1000 });
    trend.add(5200, 50);
    trend.add(6100, 60);
    trend.merge([
      [1000, 1],
      [2000, 2],
      [3000, null],
      [4000, 4],
      [5000, 5], // the screen's own point of this bucket wins
    ]);
    expect(trend.values()).toEqual([
      [3000, null],
      [4000, 4],
      [5200, 50],
      [6100, 60],
    ]);
    trend.add(7000, 70); // and it goes on from the newest
    expect(trend.values().at(-1)).toEqual([7000, 70]);
    expect(trend.size).toBe(4);
  });

  it('drops the lines of tiles no longer shown', () => {
    const book = new TrendBook();
    book.line('a').add(1, 1);
    book.line('b').add(1, 1);
    book.retain(['b']);
    expect(book.size).toBe(1);
    expect(book.line('b').size).toBe(1);
  });
});
