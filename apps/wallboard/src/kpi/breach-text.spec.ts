import { describe, expect, it } from '@jest/globals';
import type { LiveSnapshot, Tile, WallboardTenantView } from '@mieruka/contracts';
import { breachValueText, breachesElsewhere } from './breach-text';
import type { Breach } from './breaches';

const tenant: WallboardTenantView = {
  id: 'default',
  timezone: 'Asia/Tokyo',
  currency: 'JPY',
  serviceLevel: { variant: 'answered_only', thresholdMs: 20000, shortAbandonMs: 5000 },
  orders: { shipWithinMs: 86_400_000, payWithinMs: 3_600_000 },
};
const context = { locale: 'en-US', tenant };
const t = (key: string): string => `<${key}>`;
const tile = (extra: Partial<Tile>): Tile => ({
  kind: 'serviceLevel',
  scope: 'tenant',
  window: 'today',
  sound: false,
  span: 1,
  ...extra,
});
const snapshot = { windows: { today: { serviceLevel: 0.55, answered: 1234 } }, live: {} };
const live = snapshot as unknown as LiveSnapshot;

describe('a breached value', () => {
  it('reads a number tile as the tile shows it, with its unit', () => {
    expect(breachValueText(tile({}), 0.55, live, context, t)).toBe('55.0 %');
    expect(breachValueText(tile({ kind: 'answered' }), 1234, live, context, t)).toBe(
      '1,234 <units.calls>',
    );
  });

  it('counts agents and shows a wait as a duration', () => {
    expect(breachValueText(tile({ kind: 'agents' }), 2, live, context, t)).toBe('2');
    expect(breachValueText(tile({ kind: 'waiting' }), 61_000, live, context, t)).toBe('1:01');
  });

  it('shows the raw value as a duration when the room is not there yet', () => {
    expect(breachValueText(tile({}), 61_000, undefined, context, t)).toBe('1:01');
  });
});

describe('the breaches elsewhere', () => {
  it('leaves out the page shown and counts pages from one', () => {
    const breach = (page: number): Breach => ({ key: `${page}.0`, page, tile: tile({}), value: 1 });
    const items = breachesElsewhere([breach(0), breach(1), breach(2)], 1, {
      label: (tl) => tl.kind,
      value: (b) => String(b.value),
    });
    expect(items).toEqual([
      { key: '0.0', page: 1, label: 'serviceLevel', value: '1' },
      { key: '2.0', page: 3, label: 'serviceLevel', value: '1' },
    ]);
  });
});
