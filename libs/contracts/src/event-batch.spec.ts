import fc from 'fast-check';
import {
  BatchFormatError,
  BatchTooLargeError,
  ItemScanner,
  MAX_EVENT_DEPTH,
  locateItems,
  nestsDeeperThan,
  parseItems,
  splitEventBatch,
} from './event-batch';

describe('splitEventBatch', () => {
  it('measures an array element as JSON, not the layout it was written with', () => {
    const [item] = splitEventBatch('[\n  {\n    "id": "a"\n  }\n]');
    expect(item).toEqual({ kind: 'value', value: { id: 'a' }, bytes: 10 });
  });

  it('reads a JSON array, measuring each element', () => {
    const items = splitEventBatch(' [{"id":"a"}, {"id":"b","x":"日本"}]');
    expect(items).toEqual([
      { kind: 'value', value: { id: 'a' }, bytes: 10 },
      { kind: 'value', value: { id: 'b', x: '日本' }, bytes: 23 },
    ]);
  });

  it('reads NDJSON with CRLF, blank lines and a BOM, keeping bad lines as items', () => {
    const items = splitEventBatch('\uFEFF{"id":"a"}\r\n\r\n{nope\n{"id":"c"}\n');
    expect(items.map((i) => i.kind)).toEqual(['value', 'unparsable', 'value']);
    expect(items[1]).toMatchObject({
      text: '{nope',
      reason: expect.stringMatching(/^line 3: not valid JSON/),
    });
  });

  it('refuses a broken JSON array as a whole', () => {
    expect(() => splitEventBatch('[{"id":"a"},')).toThrow(BatchFormatError);
    expect(() => splitEventBatch('[{"id":"a"},')).toThrow(/^body: not valid JSON/);
  });

  it('keeps a line nested too deep as its own bad item, and refuses such an array body', () => {
    const deep = '['.repeat(5_000) + ']'.repeat(5_000);
    const items = splitEventBatch(`{"id":"a"}\n${deep}\n{"id":"c"}`);
    expect(items.map((i) => i.kind)).toEqual(['value', 'unparsable', 'value']);
    expect(items[1]).toMatchObject({ reason: `line 2: nested deeper than an event can be (16)` });
    expect(() => splitEventBatch(`[${deep}]`)).toThrow('body: nested deeper than an event can be');
  });
});

describe('the item limit', () => {
  it('refuses a body past it before parsing any item, whatever follows', () => {
    // Three good items, then garbage that parsing would have choked on.
    for (const body of ['{}\n{}\n\n{}\n{"broken', '[{}, {}, {}, {"broken']) {
      expect(() => locateItems(body, 2)).toThrow(BatchTooLargeError);
      expect(() => locateItems(body, 2)).toThrow('body: more than 2 events; at most 2 per request');
    }
    expect(locateItems('{}\n\n{}\n', 2).spans).toHaveLength(2);
    expect(locateItems('[{}, {}]', 2).spans).toHaveLength(2);
  });

  it('parses a located body range by range as splitEventBatch does at once', () => {
    const body = '{"id":"a"}\n{nope\n\n{"id":"c"}\n{"id":"d"}';
    const located = locateItems(body);
    const ranged = [...parseItems(located, 0, 2), ...parseItems(located, 2, 4)];
    expect(ranged).toEqual(splitEventBatch(body));
    expect(ranged[1]).toMatchObject({ reason: expect.stringMatching(/^line 2: /) });
  });
});

describe('ItemScanner, fed as a body arrives', () => {
  const bodies = fc.oneof(
    fc.array(fc.jsonValue({ maxDepth: 3 })).map((values) => JSON.stringify(values, null, 1)),
    fc
      .array(
        fc.oneof(
          fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
          fc.constantFrom('', ' ', '{nope', '\r'),
        ),
      )
      .map((lines) => lines.join(fc.sample(fc.constantFrom('\n', '\r\n'), 1)[0])),
  );

  it('finds the same items however the body is cut into chunks', () => {
    fc.assert(
      fc.property(bodies, fc.array(fc.nat(), { maxLength: 8 }), fc.boolean(), (body, cuts, bom) => {
        const text = bom ? `\uFEFF${body}` : body;
        const outcome = (scan: () => unknown) => {
          try {
            return scan();
          } catch (error) {
            return (error as Error).message;
          }
        };
        const chunked = outcome(() => {
          const scanner = new ItemScanner();
          let from = 0;
          for (const at of [...cuts.map((c) => c % (text.length + 1))].sort((a, b) => a - b)) {
            scanner.feed(text.slice(from, at));
            from = at;
          }
          scanner.feed(text.slice(from));
          return scanner.finish();
        });
        expect(chunked).toEqual(outcome(() => locateItems(text)));
      }),
    );
  });

  it('throws at the item past the limit, in the chunk that brings it', () => {
    const scanner = new ItemScanner(2);
    scanner.feed('{}\n{}\n');
    expect(() => scanner.feed('{"third":')).toThrow(BatchTooLargeError);
  });
});

describe('JSON arrays, located without JSON.parse', () => {
  it('reads any array of JSON values as JSON.parse does', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 4 })), fc.boolean(), (values, spaced) => {
        const body = spaced
          ? ` [ ${values.map((v) => JSON.stringify(v, null, 1)).join(' ,\n ')} ] `
          : JSON.stringify(values);
        const parsed = JSON.parse(body) as unknown[];
        const items = splitEventBatch(body);
        expect(items.map((i) => (i.kind === 'value' ? i.value : i))).toEqual(parsed);
      }),
    );
  });

  it.each([
    ['[{"a":1} {"b":2}]', 'not valid JSON'],
    ['[{"a":1},]', 'an element is missing'],
    ['[,{"a":1}]', 'an element is missing'],
    ['[{"a":1}', 'the array does not end'],
    ['[{"a":"]"}', 'the array does not end'],
    ['[{"a":1}] x', 'text after the array'],
  ])('refuses %s: %s', (body, why) => {
    expect(() => splitEventBatch(body)).toThrow(BatchFormatError);
    expect(() => splitEventBatch(body)).toThrow(why);
  });
});

describe('nestsDeeperThan', () => {
  it.each([
    ['{"a":{"b":[1]}}', 3, false],
    ['{"a":{"b":[1]}}', 2, true],
    ['{"a":"[[[[[[[["}', 1, false], // brackets inside strings do not count
    ['{"a":"\\"", "b":[[]]}', 2, true], // an escaped quote does not end the string early
    ['[]'.repeat(100), 1, false], // siblings, not depth
  ])('%s deeper than %i: %s', (text, limit, expected) => {
    expect(nestsDeeperThan(text, limit)).toBe(expected);
  });

  it('lets every real event through', () => {
    const event = { id: 'o', attrs: { a: 'b' }, items: [{ sku: 'x', qty: 1 }] };
    expect(nestsDeeperThan(JSON.stringify(event), MAX_EVENT_DEPTH)).toBe(false);
  });
});
