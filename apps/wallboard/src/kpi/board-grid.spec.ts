import { describe, expect, it } from '@jest/globals';
import type { Tile, WallboardPage } from '@mieruka/contracts';
import { gridRows, pageTitle, tileColumns } from './board-grid';

const tile = (span: number): Tile => ({
  kind: 'answered',
  scope: 'tenant',
  window: 'today',
  sound: false,
  span,
});

describe('the grid of a page', () => {
  it('gives a tile its span, cut to the columns of the page', () => {
    const page: WallboardPage = { columns: 2, tiles: [] };
    expect(tileColumns(tile(1), page)).toBe(1);
    expect(tileColumns(tile(4), page)).toBe(2);
  });

  it('needs as many rows as the cells fill, at least one', () => {
    expect(gridRows(undefined)).toBe(1);
    expect(gridRows({ columns: 4, tiles: [] })).toBe(1);
    expect(gridRows({ columns: 4, tiles: [tile(2), tile(2), tile(1)] })).toBe(2);
    expect(gridRows({ columns: 3, tiles: [tile(4), tile(4), tile(1)] })).toBe(3);
  });
});

describe('the title of a page', () => {
  it('is in the screen language, else English, else empty', () => {
    const page: WallboardPage = { columns: 1, tiles: [], title: { ja: '受電', en: 'Inbound' } };
    expect(pageTitle(page, 'ja')).toBe('受電');
    expect(pageTitle({ ...page, title: { en: 'Inbound' } }, 'ja')).toBe('Inbound');
    expect(pageTitle({ columns: 1, tiles: [] }, 'en')).toBe('');
    expect(pageTitle(undefined, 'en')).toBe('');
  });
});
