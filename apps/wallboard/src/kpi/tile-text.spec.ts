import { describe, expect, it } from '@jest/globals';
import type { Tile } from '@mieruka/contracts';
import { joinDetail, tileDetail, tileLabel } from './tile-text';

const t = (key: string): string => `<${key}>`;
const tile = (over: Partial<Tile>): Tile => ({
  kind: 'serviceLevel',
  scope: 'tenant',
  window: 'today',
  sound: false,
  span: 1,
  ...over,
});

describe('a tile label', () => {
  it('takes the admin label in the screen language first', () => {
    expect(tileLabel(tile({ label: { ja: '応答', en: 'Answer' } }), 'ja', t)).toBe('応答');
    expect(tileLabel(tile({ label: { ja: '応答', en: 'Answer' } }), 'en', t)).toBe('Answer');
  });

  it('falls back to English, then Japanese, then the kind name', () => {
    expect(tileLabel(tile({ label: { en: 'Answer' } }), 'ja', t)).toBe('Answer');
    expect(tileLabel(tile({ label: { ja: '応答' } }), 'en', t)).toBe('応答');
    expect(tileLabel(tile({}), 'en', t)).toBe('<tiles.serviceLevel>');
  });
});

describe('a tile detail', () => {
  it('names the window, and the scope unless it is the whole tenant', () => {
    expect(tileDetail(tile({}), t)).toBe('<windows.today>');
    expect(tileDetail(tile({ scope: 'queue:sales', window: 'rolling60' }), t)).toBe(
      'queue:sales · <windows.rolling60>',
    );
  });

  it('names only the scope on a floor tile, which ignores the window', () => {
    expect(tileDetail(tile({ kind: 'agentGrid' }), t)).toBe('');
    expect(tileDetail(tile({ kind: 'leaderboard', scope: 'team:a' }), t)).toBe('team:a');
  });
});

describe('a footer', () => {
  it('joins the non-empty parts with a middle dot', () => {
    expect(joinDetail('queue:sales', 'today 3')).toBe('queue:sales · today 3');
    expect(joinDetail('', 'today 3')).toBe('today 3');
    expect(joinDetail('', '')).toBe('');
  });
});
