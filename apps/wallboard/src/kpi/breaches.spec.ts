import { describe, expect, it } from '@jest/globals';
import type { LiveSnapshot, Tile, WallboardPage, WallboardTenantView } from '@mieruka/contracts';
import type { RoomView } from '../composables/useLiveRooms';
import { findBreaches, newlyLoud, type BreachContext } from './breaches';

const tenant: WallboardTenantView = {
  id: 'default',
  timezone: 'Asia/Tokyo',
  currency: 'JPY',
  serviceLevel: { variant: 'answered_only', thresholdMs: 20000, shortAbandonMs: 5000 },
  orders: { shipWithinMs: 86_400_000, payWithinMs: 3_600_000 },
};

function room(serviceLevel: number | null, longestWaitMs: number | null, receivedAt = 0): RoomView {
  const snapshot = {
    windows: { today: { serviceLevel } },
    live: { inQueue: longestWaitMs === null ? 0 : 1, longestWaitMs, agents: { available: 1 } },
  } as unknown as LiveSnapshot;
  return { snapshot, serverTime: 0, receivedAt };
}

const tile = (extra: Partial<Tile>): Tile => ({
  kind: 'serviceLevel',
  scope: 'tenant',
  window: 'today',
  sound: false,
  span: 1,
  ...extra,
});
const page = (...tiles: Tile[]): WallboardPage => ({ columns: 4, tiles });

const SL = { ok: 0.8, warn: 0.6 };
const WAIT = { ok: 30_000, warn: 60_000 };

describe('breaches across pages', () => {
  const pages = [
    page(
      tile({ thresholds: SL }),
      tile({ kind: 'answered' }),
      tile({ kind: 'agents', thresholds: { ok: 3, warn: 2 } }),
    ),
    page(
      tile({ scope: 'team:blue', thresholds: SL, sound: true }),
      tile({ kind: 'waiting', thresholds: WAIT }),
    ),
  ];
  const context = (rooms: Record<string, RoomView>, extra: Partial<BreachContext> = {}) => ({
    rooms: new Map(Object.entries(rooms)),
    tenant,
    now: 0,
    stale: false,
    ...extra,
  });

  it('finds every tile past its alert threshold, on every page, with its page', () => {
    const found = findBreaches(
      pages,
      context({ tenant: room(0.55, 61_000), 'team:blue': room(0.59, null) }),
    );
    expect(found.map((b) => [b.key, b.page, b.value])).toEqual([
      ['0.0', 0, 0.55],
      ['0.2', 0, 1],
      ['1.0', 1, 0.59],
      ['1.1', 1, 61_000],
    ]);
  });

  it('leaves out tiles in warn or ok, tiles without a value and tiles without thresholds', () => {
    const found = findBreaches(
      pages,
      context({ tenant: room(0.6, 59_000), 'team:blue': room(null, null) }),
    );
    expect(found.map((b) => b.key)).toEqual(['0.2']); // one agent available: below warn
    expect(findBreaches(pages, context({}))).toEqual([]);
  });

  it('ticks the longest wait on the screen clock, and stops ticking on a stale screen', () => {
    const rooms = { tenant: room(0.9, 50_000, 1_000) };
    const keys = (extra: Partial<BreachContext>) =>
      findBreaches(pages, context(rooms, extra)).map((b) => b.key);
    expect(keys({ now: 5_000 })).toEqual(['0.2']); // 54 s: warn
    expect(keys({ now: 12_000 })).toEqual(['0.2', '1.1']); // 61 s: alert
    expect(keys({ now: 12_000, stale: true })).toEqual(['0.2']); // the server's 50 s
  });

  it('rings for sound tiles that just entered alert, not for ones already there', () => {
    const found = findBreaches(
      pages,
      context({ tenant: room(0.55, null), 'team:blue': room(0.5, null) }),
    );
    expect(newlyLoud(found, new Set())).toEqual(['1.0']);
    expect(newlyLoud(found, new Set(['1.0']))).toEqual([]);
    expect(newlyLoud(found, new Set(['0.0']))).toEqual(['1.0']);
  });
});
