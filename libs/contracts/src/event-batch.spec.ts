import { BatchFormatError, splitEventBatch } from './event-batch';

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
});
