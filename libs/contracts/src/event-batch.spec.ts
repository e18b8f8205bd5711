import { BatchFormatError, MAX_EVENT_DEPTH, nestsDeeperThan, splitEventBatch } from './event-batch';

describe('splitEventBatch', () => {
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
