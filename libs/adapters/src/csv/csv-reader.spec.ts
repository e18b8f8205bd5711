import { CsvReader, parseCsv } from './csv-reader';

// Cases from RFC 4180 §2 (https://www.rfc-editor.org/rfc/rfc4180#section-2): CRLF records,
// optional final line break, quoted fields holding commas, line breaks and doubled quotes.
describe('parseCsv', () => {
  it.each<[string, string, string[][]]>([
    [
      'plain CRLF records',
      'aaa,bbb,ccc\r\nzzz,yyy,xxx\r\n',
      [
        ['aaa', 'bbb', 'ccc'],
        ['zzz', 'yyy', 'xxx'],
      ],
    ],
    [
      'no final line break',
      'aaa,bbb,ccc\nzzz,yyy,xxx',
      [
        ['aaa', 'bbb', 'ccc'],
        ['zzz', 'yyy', 'xxx'],
      ],
    ],
    [
      'quoted line break',
      '"aaa","b\r\nbb","ccc"\r\nzzz,yyy,xxx',
      [
        ['aaa', 'b\r\nbb', 'ccc'],
        ['zzz', 'yyy', 'xxx'],
      ],
    ],
    ['doubled quotes and commas', '"aaa","b""bb","c,cc"', [['aaa', 'b"bb', 'c,cc']]],
    [
      'empty fields, blank lines, a BOM',
      '\uFEFFa,,c\n\n,,\n',
      [
        ['a', '', 'c'],
        ['', '', ''],
      ],
    ],
    ['Japanese text', '山田,"東京, 本社"\n', [['山田', '東京, 本社']]],
  ])('%s', (_name, text, expected) => {
    expect(parseCsv(text)).toEqual(expected);
  });

  it('reads ; separated files', () => {
    expect(parseCsv('a;"b;c"\n', ';')).toEqual([['a', 'b;c']]);
  });

  it('gives the same records whatever the chunking', () => {
    const text = 'id,note\r\n1,"two\r\nlines"\r\n2,"say ""hi"""\r\n';
    const whole = parseCsv(text);
    for (let cut = 1; cut < text.length; cut++) {
      const reader = new CsvReader();
      expect([
        ...reader.push(text.slice(0, cut)),
        ...reader.push(text.slice(cut)),
        ...reader.end(),
      ]).toEqual(whole);
    }
  });
});
