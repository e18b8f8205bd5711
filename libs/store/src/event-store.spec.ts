import type { CallEvent } from '@mieruka/contracts';
import { EventStore, KNOWN_IDS_PER_QUERY } from './event-store';
import { migrate } from './migrate';
import { migrations } from './migrations';
import { openTestStore } from './testing';

const at = Date.parse('2026-11-24T01:10:00Z');

const offered = (id: string, occurredAt: string, extra: Partial<CallEvent> = {}): CallEvent =>
  ({
    id,
    type: 'call.offered',
    occurredAt,
    tenant: 'default',
    source: 'test',
    callId: `c-${id}`,
    direction: 'inbound',
    queue: 'support',
    ...extra,
  }) as CallEvent;

describe('EventStore on chDB', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let events: EventStore;

  beforeAll(async () => {
    store = await openTestStore();
    events = new EventStore(store);
  });
  afterAll(() => store.drop());

  it('reads a long range in slices by hour, each id once — the first to arrive', async () => {
    const sliced = new EventStore(store, 2);
    const at = (hhmm: string) => `2026-11-25T${hhmm}:00.000+09:00`;
    // A tenant of its own: the other tests read `default`.
    const event = (id: string, hhmm: string) => offered(id, at(hhmm), { tenant: 'sliced' });
    const inOrder = [
      event('s-1', '09:10'),
      event('s-2', '09:20'),
      event('s-3', '10:05'),
      event('s-4', '11:30'),
      event('s-dup', '12:00'),
    ];
    await sliced.insertEvents(inOrder, {
      receivedAt: Date.parse(at('12:00')),
      ingestSource: 'test',
    });
    // A racing writer stored s-dup again, later, with another time: another hour's slice.
    await sliced.insertEvents([event('s-dup', '09:30')], {
      receivedAt: Date.parse(at('12:01')),
      ingestSource: 'test',
    });
    const back: CallEvent[] = [];
    const from = Date.parse(at('00:00'));
    for await (const e of sliced.readEvents({ tenant: 'sliced', from })) back.push(e);
    expect(back).toEqual(inOrder);
    // Up to an inclusive end: s-2 is exactly on it.
    const early: string[] = [];
    const to = Date.parse(at('09:20'));
    for await (const e of sliced.readEvents({ tenant: 'sliced', from, to })) early.push(e.id);
    expect(early).toEqual(['s-1', 's-2']);
  });

  it('reads back exactly the events it stored, in arrival order, each id once', async () => {
    const order: CallEvent = {
      id: 'o-1',
      type: 'order.confirmed',
      occurredAt: '2026-11-24T10:04:00.000+09:00',
      tenant: 'default',
      source: 'test',
      callId: 'c1',
      orderId: 'o1',
      agentId: 'a1',
      queue: 'support',
      amount: 12.5,
      currency: 'JPY',
      items: [{ sku: 'CAT-1042', qty: 1, variant: 'navy/M' }],
    };
    // Free text that a raw read must hand back untouched: tabs, line breaks, quotes, Japanese.
    const first = offered('rt-1', '2026-11-24T10:00:00.000+09:00', {
      attrs: { note: 'line 1\nline 2\tcol "q" \\ 折り返し希望' },
    });
    await events.insertEvents([first, order], { receivedAt: at, ingestSource: 'test' });
    // A second writer racing the first: the same id stored twice must still read back once.
    await events.insertEvents([offered('rt-1', '2026-11-24T10:00:01.000+09:00')], {
      receivedAt: at + 1,
      ingestSource: 'test',
    });
    const back: CallEvent[] = [];
    for await (const e of events.readEvents({ tenant: 'default' })) back.push(e);
    expect(back).toEqual([first, order]);
    expect(await events.countEvents('default')).toBe(2);
    expect(await events.storedKeys(['rt-1', 'o-1', 'nope'])).toEqual(
      new Set(['default/rt-1', 'default/o-1']),
    );
  });

  it('keeps free text exact in its own columns (rows go in as TabSeparated)', async () => {
    // Everything TabSeparated escapes, and what looks like its NULL, in the columns SQL reads.
    const awkward = [
      'tab\there',
      'line\nbreak',
      'cr\rhere',
      'back\\slash',
      '\\N',
      '"q" 折り返し 🎧',
    ];
    const stored = awkward.map((reason, i): CallEvent => ({
      id: `tsv-${i}`,
      type: 'agent.state',
      occurredAt: '2026-11-24T10:00:00.000+09:00',
      tenant: 'tsv',
      source: 'test',
      agentId: `a\t${i}`,
      state: 'break',
      reason,
    }));
    await events.insertEvents(stored, { receivedAt: at, ingestSource: 'test\\src' });
    const result = await store.client.query({
      query: `SELECT id, agent_id, reason, ingest_source, resolved, wait_ms
              FROM ${store.database}.events WHERE tenant = 'tsv' ORDER BY id`,
      format: 'JSONEachRow',
    });
    expect(await result.json()).toEqual(
      awkward.map((reason, i) => ({
        id: `tsv-${i}`,
        agent_id: `a\t${i}`,
        reason,
        ingest_source: 'test\\src',
        resolved: null,
        wait_ms: null,
      })),
    );
    const back: CallEvent[] = [];
    for await (const e of events.readEvents({ tenant: 'tsv' })) back.push(e);
    expect(back).toEqual(stored);
  });

  it('answers which ids are known for more ids than one query takes', async () => {
    const many = Array.from({ length: KNOWN_IDS_PER_QUERY * 2 + 5 }, (_, i) => `k-${i}`);
    // Stored: the first and last of each slice, and one in the middle.
    const picked = [0, KNOWN_IDS_PER_QUERY - 1, KNOWN_IDS_PER_QUERY, 12_345, many.length - 1];
    await events.insertEvents(
      picked.map((i) => offered(many[i]!, '2026-11-24T10:00:00.000+09:00', { tenant: 'known' })),
      { receivedAt: at, ingestSource: 'test' },
    );
    // Asked in slices as parameters (without a file to read them from, as on a server): chDB
    // slows down sharply past about 1 MiB of one query's parameters.
    const asked: number[] = [];
    const query = store.client.query.bind(store.client);
    const counting = {
      ...store,
      withFile: undefined,
      client: {
        query: (params: Parameters<typeof query>[0]) => {
          asked.push((params.query_params?.['ids'] as string).split('\n').length);
          return query(params);
        },
      },
    } as unknown as typeof store;
    const known = await new EventStore(counting).storedKeys(many);
    expect(known).toEqual(new Set(picked.map((i) => `known/${many[i]}`)));
    expect(asked).toEqual([KNOWN_IDS_PER_QUERY, KNOWN_IDS_PER_QUERY, 5]);
  });

  it('answers an id check while an insert is under way, not after it', async () => {
    const bulk = Array.from({ length: 100_000 }, (_, i) =>
      offered(`bulk-${i}`, '2026-11-24T10:00:00.000+09:00', { tenant: 'bulk' }),
    );
    await events.insertEvents(
      [offered('early-1', '2026-11-24T10:00:00.000+09:00', { tenant: 'bulk' })],
      { receivedAt: at, ingestSource: 'test' },
    );
    const finished: string[] = [];
    const inserting = events
      .insertEvents(bulk, { receivedAt: at, ingestSource: 'test' })
      .then(() => finished.push('insert'));
    // Well into the insert, which takes about a second.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const checking = events.storedKeys(['bulk-0', 'early-1']).then((known) => {
      finished.push('check');
      return known;
    });
    await Promise.all([inserting, checking]);
    // chDB runs one statement at a time per connection: on one connection the check waits
    // for the insert (and would then also find bulk-0).
    expect(finished).toEqual(['check', 'insert']);
    expect(await checking).toEqual(new Set(['bulk/early-1']));
    expect(await events.countEvents('bulk')).toBe(100_001);
  });

  it('keeps the amount exact in a Decimal column', async () => {
    const result = await store.client.query({
      query: `SELECT toString(amount) AS a FROM ${store.database}.events WHERE id = 'o-1'`,
      format: 'JSONEachRow',
    });
    expect(await result.json()).toEqual([{ a: '12.5' }]);
  });

  it('ignores a retried insert carrying the same deduplication token', async () => {
    const batch = [
      offered('tok-1', '2026-11-24T10:01:00Z'),
      offered('tok-2', '2026-11-24T10:01:01Z'),
    ];
    await events.insertEvents(batch, { receivedAt: at, ingestSource: 'kafka' }, 'events:0:10-11');
    await events.insertEvents(batch, { receivedAt: at, ingestSource: 'kafka' }, 'events:0:10-11');
    const result = await store.client.query({
      query: `SELECT count() AS n FROM ${store.database}.events WHERE id LIKE 'tok-%'`,
      format: 'JSONEachRow',
    });
    expect(await result.json()).toEqual([{ n: 2 }]);
  });

  it('stores dead letters with their reason, newest first, and cuts huge payloads', async () => {
    await events.insertDeadLetters(
      [{ tenant: 'default', source: 'http', reason: 'type: is required', payload: '{"id":"x"}' }],
      at,
    );
    await events.insertDeadLetters(
      [
        {
          tenant: 'other',
          source: 'http',
          reason: 'body: not valid JSON',
          payload: 'x'.repeat(70_000),
        },
      ],
      at + 1000,
    );
    const all = await events.listDeadLetters({ limit: 10 });
    expect(all.map((d) => d.tenant)).toEqual(['other', 'default']);
    expect(all[1]).toMatchObject({
      receivedAt: '2026-11-24T01:10:00.000Z',
      source: 'http',
      reason: 'type: is required',
      payload: '{"id":"x"}',
    });
    expect(all[0]?.payload).toHaveLength(64 * 1024);
    expect(all[0]?.reason).toContain('payload cut');
    expect(await events.listDeadLetters({ limit: 10, tenant: 'default' })).toHaveLength(1);
  });

  it('files a dead letter of an origin once, however often its batch is retried', async () => {
    const tenant = 'redelivered';
    const letter = (origin: string | undefined, reason = 'type: is required') => ({
      tenant,
      source: 'kafka',
      reason: `${origin ?? 'http'}: ${reason}`,
      payload: '{"id":"x"}',
      ...(origin === undefined ? {} : { origin }),
    });
    await events.insertDeadLetters([letter('events/0@7'), letter('events/0@8')], at);
    // A retry a minute later, and the same offset split off on its own an hour later.
    await events.insertDeadLetters([letter('events/0@7'), letter('events/0@9')], at + 60_000);
    await events.insertDeadLetters([letter('events/0@7', 'the store refused it')], at + 3600_000);
    // Twice within one call, too.
    await events.insertDeadLetters([letter('events/1@7'), letter('events/1@7')], at);
    // Without an origin (an HTTP body) each call is its own letter.
    await events.insertDeadLetters([letter(undefined)], at);
    await events.insertDeadLetters([letter(undefined)], at);

    const letters = await events.listDeadLetters({ limit: 20, tenant });
    expect(letters.map((l) => l.reason).sort()).toEqual([
      'events/0@7: type: is required',
      'events/0@8: type: is required',
      'events/0@9: type: is required',
      'events/1@7: type: is required',
      'http: type: is required',
      'http: type: is required',
    ]);
    expect(new Set(letters.map((l) => l.id)).size).toBe(6);
    expect(letters[0]!.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });
  it('counts today and by type for the first page', async () => {
    const noon = Date.parse('2026-11-24T12:00:00Z');
    const stats = await events.stats(noon, Date.parse('2026-11-23T15:00:00Z'), 'default');
    expect(stats).toMatchObject({
      total: 4,
      today: 4,
      byType: { 'call.offered': 3, 'order.confirmed': 1 },
      deadLetters: 1,
      lastEventAt: '2026-11-24T10:01:01.000Z',
    });
    // Events after the moment asked about do not exist yet.
    expect((await events.stats(at, Date.parse('2026-11-23T15:00:00Z'), 'default')).total).toBe(2);
  });

  it('applies each migration once, however often it starts', async () => {
    expect(await migrate(store)).toEqual([]);
  });

  it('keeps every stored event through the move to a ReplacingMergeTree (migration 2)', async () => {
    const old = await openTestStore({ migrations: migrations.filter((m) => m.version === 1) });
    try {
      const before = new EventStore(old);
      const stored = [
        offered('m-1', '2026-11-24T09:00:00+09:00'),
        offered('m-2', '2026-11-24T09:01:00+09:00'),
      ];
      await before.insertEvents(stored, { receivedAt: at, ingestSource: 'test' });
      expect(
        await migrate(
          old,
          migrations.filter((m) => m.version <= 2),
        ),
      ).toEqual([2]);
      const engine = await old.client.query({
        query: `SELECT engine FROM system.tables WHERE database = {db:String} AND name = 'events'`,
        query_params: { db: old.database },
        format: 'JSONEachRow',
      });
      expect(await engine.json()).toEqual([{ engine: 'ReplacingMergeTree' }]);
      const back: CallEvent[] = [];
      for await (const e of before.readEvents({ tenant: 'default' })) back.push(e);
      expect(back).toEqual(stored);
      expect(await before.storedKeys(['m-1', 'm-2'])).toEqual(
        new Set(['default/m-1', 'default/m-2']),
      );
    } finally {
      await old.drop();
    }
  });
});
