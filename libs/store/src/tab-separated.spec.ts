import fc from 'fast-check';
import { TabSeparatedWriter } from './tab-separated';

/** TabSeparated's escaping, spelled out character by character. */
const escaped = (value: string) =>
  [...value].map((c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] ?? c).join('');

describe('TabSeparatedWriter', () => {
  it('writes each kind of cell, and ends a row with a newline', () => {
    const rows = new TabSeparatedWriter(0);
    rows.text('a\tb\\c\nd\re');
    rows.text(undefined);
    rows.text(42);
    rows.plain('call.offered');
    rows.plain(null);
    rows.number(1500);
    rows.number(undefined);
    rows.number('1500');
    rows.nullable('12.50');
    rows.nullable(undefined);
    rows.endRow();
    expect(rows.length).toBe(rows.finish().length);
    rows.plain('second');
    rows.endRow();
    expect(rows.finish().toString()).toBe(
      'a\\tb\\\\c\\nd\\re\t\t\tcall.offered\t\t1500\t\\N\t\\N\t12.50\t\\N\n' + 'second\n',
    );
  });

  it('writes any text as UTF-8, escaped, however far it outgrows its first buffer', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ unit: 'grapheme', maxLength: 300 }), { minLength: 1 }), {
          maxLength: 40,
        }),
        (table) => {
          const rows = new TabSeparatedWriter(0);
          const ends: number[] = [];
          for (const cells of table) {
            for (const cell of cells) rows.text(cell);
            rows.endRow();
            ends.push(rows.length);
          }
          const expected = table.map((cells) => `${cells.map(escaped).join('\t')}\n`);
          expect(rows.finish().equals(Buffer.from(expected.join('')))).toBe(true);
          let at = 0;
          expected.forEach((row, i) => {
            at += Buffer.byteLength(row);
            expect(ends[i]).toBe(at);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
