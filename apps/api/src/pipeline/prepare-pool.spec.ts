import { createSimulation } from '@mieruka/simulator';
import { packValues, prepareBatch, type PrepareJob } from '@mieruka/store';
import { createPreparePool } from './prepare-pool';

const START = Date.parse('2026-11-24T09:00:00+09:00');
const AT = START + 3_600_000;

/** An hour of one centre, with the poison a topic can hold in between. */
function job(): PrepareJob {
  const events = createSimulation({
    seed: 7,
    tenant: 'osaka',
    timezone: 'Asia/Tokyo',
    currency: 'JPY',
    start: START,
    rate: 3,
  }).advance(AT);
  const values: (Uint8Array | null)[] = events.map((e) => Buffer.from(JSON.stringify(e)));
  values.splice(3, 0, Buffer.from('{"id":"broken'), null, Buffer.from([0xff, 0xfe]));
  values.push(Buffer.from(JSON.stringify({ ...events[0], id: 'no-type', type: undefined })));
  const { bytes, ends } = packValues(values);
  return {
    bytes,
    ends,
    deadBecause: values.map((_, i) => (i === 1 ? 'batch could not be decompressed (test)' : null)),
    labelPrefix: 'events/0@',
    labels: values.map((_, i) => String(100 + i)),
    transport: 'kafka',
    receivedAt: AT,
    firstSeq: AT * 1000,
    currencies: new Map([['osaka', 'JPY']]),
  };
}

describe('the prepare pool', () => {
  it('is none for 0 workers: the batches are prepared inline', () => {
    expect(createPreparePool(0, () => undefined)).toBeUndefined();
  });

  it('answers in a worker thread exactly what the batch prepared inline is', async () => {
    const pool = createPreparePool(1, () => undefined)!;
    try {
      const inline = prepareBatch(job());
      const inWorker = await pool.run(job());
      expect(inline.kind).toBe('prepared');
      if (inline.kind !== 'prepared' || inWorker.kind !== 'prepared') throw new Error('unprepared');
      expect(inWorker.valid).toEqual(inline.valid);
      expect(inWorker.rejected).toEqual(inline.rejected);
      expect(inWorker.deadLetters).toEqual(inline.deadLetters);
      expect(Buffer.from(inWorker.rows.data).equals(inline.rows.data)).toBe(true);
      expect([...inWorker.rows.ends]).toEqual([...inline.rows.ends]);
      // The poison, each with its offset and reason; the stand-in whatever it held.
      expect(inline.deadLetters.map((d) => d.reason)).toEqual([
        'events/0@101: batch could not be decompressed (test)',
        expect.stringMatching(/^events\/0@103: message: not valid JSON/),
        'events/0@104: message: no value (a tombstone)',
        'events/0@105: message: not UTF-8 text (payload kept as base64)',
        'events/0@' + String(99 + job().ends.length) + ': type: is required',
      ]);
      // Each names its offset as its origin, so a retried or split batch files it once.
      expect(inWorker.deadLetters.map((d) => d.origin)).toEqual([
        'events/0@101',
        'events/0@103',
        'events/0@104',
        'events/0@105',
        'events/0@' + String(99 + job().ends.length),
      ]);
      expect(inline.valid.length + inline.rejected.length).toBe(job().ends.length);
    } finally {
      await pool.close();
    }
  });

  it('asks for the currency of a tenant it was not given, rather than guessing', async () => {
    const pool = createPreparePool(1, () => undefined)!;
    try {
      const answer = await pool.run({ ...job(), currencies: new Map() });
      expect(answer).toEqual({ kind: 'currencies', tenants: ['osaka'] });
    } finally {
      await pool.close();
    }
  });
});
