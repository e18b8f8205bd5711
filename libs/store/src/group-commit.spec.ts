import type { BatchItem, CallEvent } from '@mieruka/contracts';
import { EventStore } from './event-store';
import { Ingestor } from './ingestor';
import { openTestStore } from './testing';

const AT = Date.parse('2026-11-24T01:10:00Z');

const item = (id: string): BatchItem => {
  const value = {
    id,
    type: 'call.offered',
    occurredAt: '2026-11-24T10:00:00.000+09:00',
    tenant: 'default',
    source: 'test',
    callId: `c-${id}`,
    direction: 'inbound',
    queue: 'support',
  };
  return { kind: 'value', value, bytes: JSON.stringify(value).length };
};

/**
 * The real store on chDB, counting its inserts (and how many ran at once) and failing the
 * ones a test asks to. With `holdMs`, an insert waits until another one starts beside it, or
 * that long: a write that could run beside it gets every chance to.
 */
class CountingStore extends EventStore {
  inserts = 0;
  /** The number of the insert to fail (1 = the first), if any. */
  failInsert = 0;
  holdMs = 0;
  private running = 0;
  mostAtOnce = 0;
  private joined: (() => void) | undefined;

  override async insertEncoded(...args: Parameters<EventStore['insertEncoded']>): Promise<void> {
    this.inserts += 1;
    if (this.inserts === this.failInsert) throw new Error('store unreachable');
    this.running += 1;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.running);
    try {
      if (this.holdMs > 0) {
        this.joined?.();
        await new Promise<void>((resolve) => {
          this.joined = resolve;
          setTimeout(resolve, this.holdMs);
        });
      }
      await super.insertEncoded(...args);
    } finally {
      this.running -= 1;
    }
  }
}

describe('Ingestor: batches that wait are written together (group commit)', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let events: CountingStore;
  let ingestor: Ingestor;
  let heard: string[];

  beforeEach(async () => {
    store = await openTestStore();
    events = new CountingStore(store);
    ingestor = new Ingestor({ store: events, clock: () => AT, currencyOf: () => 'JPY' });
    heard = [];
    ingestor.onStored((stored: readonly CallEvent[]) => heard.push(...stored.map((e) => e.id)));
  });
  afterEach(() => store.drop());

  it('stores 30 overlapping batches in two inserts, each id once, the first arrival winning', async () => {
    // Batch k carries e-k and e-(k+1): every id but the ends is in two batches.
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, k) =>
        ingestor.ingest([item(`e-${k}`), item(`e-${k + 1}`)], { transport: `t${k}` }),
      ),
    );
    // The first batch finds the writer idle; the other 29 wait for it and go together.
    expect(events.inserts).toBe(2);
    expect(answers[0]?.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
    for (const answer of answers.slice(1)) {
      expect(answer.results.map((r) => r.status)).toEqual(['duplicate', 'accepted']);
    }
    expect(await events.countEvents('default')).toBe(31);
    expect(heard).toEqual(Array.from({ length: 31 }, (_, k) => `e-${k}`));
    // Each event keeps the source of the request that brought it.
    const sources = await store.client.query({
      query: `SELECT id, ingest_source FROM ${store.database}.events WHERE id IN ('e-0', 'e-30')
        ORDER BY id`,
      format: 'JSONEachRow',
    });
    expect(await sources.json()).toEqual([
      { id: 'e-0', ingest_source: 't0' },
      { id: 'e-30', ingest_source: 't29' },
    ]);
  });

  it('writes the rows of exactly the new events, past rejects and duplicates', async () => {
    await ingestor.ingest([item('r-2')], { transport: 'http' });
    const bad: BatchItem = { kind: 'unparsable', text: '{', reason: 'not JSON' };
    const answer = await ingestor.ingest([bad, item('r-1'), item('r-2'), bad, item('r-3')], {
      transport: 'http',
    });
    expect(answer.results.map((r) => r.status)).toEqual([
      'rejected',
      'accepted',
      'duplicate',
      'rejected',
      'accepted',
    ]);
    const back: CallEvent[] = [];
    for await (const e of events.readEvents({ tenant: 'default' })) back.push(e);
    expect(back.map((e) => [e.id, e.type === 'call.offered' && e.callId])).toEqual([
      ['r-2', 'c-r-2'],
      ['r-1', 'c-r-1'],
      ['r-3', 'c-r-3'],
    ]);
  });

  it('writes a batch that has its own deduplication token on its own', async () => {
    await Promise.all([
      ingestor.ingest([item('a')], { transport: 'http' }),
      ingestor.ingest([item('b')], { transport: 'kafka', dedupToken: 'events:0:10-10' }),
      ingestor.ingest([item('c')], { transport: 'http' }),
      ingestor.ingest([item('d')], { transport: 'http' }),
    ]);
    // [a], [b] alone, then [c, d] together. b is written beside a, so either may end first.
    expect(events.inserts).toBe(3);
    expect(heard.slice(0, 2).sort()).toEqual(['a', 'b']);
    expect(heard.slice(2)).toEqual(['c', 'd']);
  });

  it('fails every batch of a failed write, stores none of them, and takes them on a retry', async () => {
    events.failInsert = 2; // the write that carries y and z together
    const first = ingestor.ingest([item('x')], { transport: 'http' });
    const waiting = [
      ingestor.ingest([item('y')], { transport: 'http' }),
      ingestor.ingest([item('z'), item('x')], { transport: 'http' }),
    ];
    expect((await first).accepted).toBe(1);
    const outcomes = await Promise.allSettled(waiting);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(await events.countEvents('default')).toBe(1);
    expect(heard).toEqual(['x']);

    const retried = await ingestor.ingest([item('z'), item('x'), item('y')], { transport: 'http' });
    expect(retried.results.map((r) => r.status)).toEqual(['accepted', 'duplicate', 'accepted']);
    expect(await events.countEvents('default')).toBe(3);
  });

  it('checks a Kafka batch beside the write before it, and still stores each id once', async () => {
    // Each has its own token: written one by one, the second and third checked while the
    // write before them runs. k-2 is in all three, k-3 in the last two.
    const answers = await Promise.all([
      ingestor.ingest([item('k-1'), item('k-2')], { transport: 'kafka', dedupToken: 't:0:0-1' }),
      ingestor.ingest([item('k-2'), item('k-3')], { transport: 'kafka', dedupToken: 't:1:0-1' }),
      ingestor.ingest([item('k-3'), item('k-2')], { transport: 'kafka', dedupToken: 't:2:0-1' }),
    ]);
    expect(answers.map((a) => a.results.map((r) => r.status))).toEqual([
      ['accepted', 'accepted'],
      ['duplicate', 'accepted'],
      ['duplicate', 'duplicate'],
    ]);
    expect(events.inserts).toBe(3);
    expect(await events.countEvents('default')).toBe(3);
    expect(heard).toEqual(['k-1', 'k-2', 'k-3']);
  });

  it('does not count the ids of a failed write as known to the batch checked beside it', async () => {
    events.failInsert = 1;
    const [first, second] = await Promise.allSettled([
      ingestor.ingest([item('f-1')], { transport: 'kafka', dedupToken: 't:0:0-0' }),
      ingestor.ingest([item('f-1'), item('f-2')], { transport: 'kafka', dedupToken: 't:1:0-1' }),
    ]);
    expect(first?.status).toBe('rejected');
    expect(second?.status === 'fulfilled' && second.value.accepted).toBe(2);
    expect(heard).toEqual(['f-1', 'f-2']);
    expect(await events.countEvents('default')).toBe(2);
  });

  it('writes Kafka batches of different partitions beside each other, two at a time', async () => {
    events.holdMs = 300;
    const answers = await Promise.all(
      [0, 1, 2, 3].map((p) =>
        ingestor.ingest([item(`p${p}-a`), item(`p${p}-b`)], {
          transport: 'kafka',
          dedupToken: `t:${p}:0-1`,
        }),
      ),
    );
    expect(answers.map((a) => a.accepted)).toEqual([2, 2, 2, 2]);
    expect(events.inserts).toBe(4);
    // MAX_WRITES_AT_ONCE of them.
    expect(events.mostAtOnce).toBe(2);
    expect(await events.countEvents('default')).toBe(8);
    expect([...heard].sort()).toEqual(
      ['p0-a', 'p0-b', 'p1-a', 'p1-b', 'p2-a', 'p2-b', 'p3-a', 'p3-b'].sort(),
    );
  });

  it('holds back a Kafka batch that carries an id the write under way is storing', async () => {
    events.holdMs = 300;
    const answers = await Promise.all([
      ingestor.ingest([item('s-1'), item('s-2')], { transport: 'kafka', dedupToken: 't:0:0-1' }),
      ingestor.ingest([item('s-3'), item('s-2')], { transport: 'kafka', dedupToken: 't:1:0-1' }),
    ]);
    expect(events.mostAtOnce).toBe(1);
    expect(answers.map((a) => a.results.map((r) => r.status))).toEqual([
      ['accepted', 'accepted'],
      ['accepted', 'duplicate'],
    ]);
    expect(heard).toEqual(['s-1', 's-2', 's-3']);
  });

  it('writes any other batch only once the writes under way have ended', async () => {
    events.holdMs = 300;
    await Promise.all([
      ingestor.ingest([item('h-1')], { transport: 'kafka', dedupToken: 't:0:0-0' }),
      ingestor.ingest([item('h-2')], { transport: 'http' }),
    ]);
    expect(events.mostAtOnce).toBe(1);
    expect(heard).toEqual(['h-1', 'h-2']);
  });
});
