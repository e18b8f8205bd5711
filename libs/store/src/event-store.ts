import { createHash, randomUUID } from 'node:crypto';
import type { CallEvent, DeadLetter, EventOfType, StoreStats } from '@mieruka/contracts';
import type { StoreClient } from './client';
import { EVENT_COLUMNS, encodeEventRows, type IngestMeta, type RowBuffer } from './event-row';
import { chTime, isoFromChTime } from './time';

/**
 * How events are inserted: an insert's rows are never sorted for duplicates of each other
 * (the writer checked the ids, and every read keeps one row per id anyway), and are parsed on
 * one thread. Parsing on several paid off for one insert alone, but with two inserts under way
 * beside a busy main thread the extra threads took CPU from the rest: the Kafka consumer
 * stored 3% more events per second without them (docs/benchmarks.md).
 */
const EVENT_INSERT_SETTINGS = {
  optimize_on_insert: '0',
  input_format_parallel_parsing: '0',
};

/**
 * A retry of a batch carries the same token, and the table drops it: on one server through
 * its own log (`non_replicated_deduplication_window`), on replicated tables through Keeper,
 * whichever replica either try reached. `insert_deduplicate` is on by default; said here so
 * a settings profile that turns it off cannot quietly disable the token.
 */
function tokenSettings(token: string): Record<string, string> {
  return { insert_deduplicate: '1', insert_deduplication_token: token };
}

/**
 * The picked rows of every group in one buffer: a group's own buffer when it is the only one
 * and every row of it is picked (a Kafka batch without duplicates), else runs of consecutive
 * rows copied together.
 */
function joinRows(groups: readonly EncodedRows[]): Buffer {
  const all = (group: EncodedRows) =>
    group.picked === undefined || group.picked.length === group.rows.ends.length;
  if (groups.length === 1 && all(groups[0]!)) return groups[0]!.rows.data;
  const runs: [Buffer, number, number][] = [];
  for (const { rows, picked } of groups) {
    const start = (i: number) => (i === 0 ? 0 : rows.ends[i - 1]!);
    for (const i of picked ?? rows.ends.keys()) {
      const last = runs.at(-1);
      if (last && last[0] === rows.data && last[2] === start(i)) last[2] = rows.ends[i]!;
      else runs.push([rows.data, start(i), rows.ends[i]!]);
    }
  }
  return Buffer.concat(runs.map(([data, from, to]) => data.subarray(from, to)));
}

/**
 * An event's identity: its id within its tenant. The same id in two tenants is two events, so
 * one tenant can neither suppress nor detect another's (events.md).
 */
export const eventKey = (tenant: string, id: string): string => `${tenant}/${id}`;
/** `eventKey` in SQL, over the events table's columns. */
const KEY_SQL = "concat(tenant, '/', id)";

/**
 * Most ids a `storedKeys` query looks up with the bloom-filter index: with 2,000 ids a block
 * passes the filter with a chance of 1 - 0.999^2000, 86%, so beyond that it saves nothing.
 */
const SKIP_INDEX_MAX_IDS = 2000;

/** Ids per query of `storedKeys`. */
export const KNOWN_IDS_PER_QUERY = 10_000;

/** Rows of one batch (from `encodeEventRows`) to write. */
export interface EncodedRows {
  readonly rows: RowBuffer;
  /** Which of its rows, in order (the new events); all of them when absent. */
  readonly picked?: readonly number[];
}

/**
 * How far back a letter's origin is looked for: Kafka keeps messages 7 days by default, so a
 * redelivery (a retry, a restart, a rebalance) comes well within this.
 */
const REDELIVERY_HORIZON_MS = 8 * 24 * 3600_000;

/** A dead letter's id from its origin: a UUID-shaped digest, like the random ones. */
function originId(origin: string): string {
  const hex = createHash('sha256').update(`dead-letter\n${origin}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export interface NewDeadLetter {
  readonly tenant: string;
  /** Which transport or adapter received it (`http`, `asterisk-ami`, …). */
  readonly source: string;
  readonly reason: string;
  /** The raw payload as received (text), kept for inspection and replay. */
  readonly payload: string;
  /**
   * Where the sender keeps the item, the same on every redelivery (Kafka: `topic/partition@offset`).
   * A letter of an origin already stored is not stored again: a batch retried, or split by the
   * Kafka sink, files each of its rejects once.
   */
  readonly origin?: string;
}

export interface EventFilter {
  readonly tenant?: string;
  /** From this time (epoch ms), inclusive. */
  readonly from?: number;
  /** Up to this time (epoch ms), inclusive. */
  readonly to?: number;
}

/** The query parameters of an EventFilter, as `readEvents` passes them. */
interface SliceRange {
  readonly tenant: string;
  readonly from: string;
  readonly to: string;
  [key: string]: string;
}

/** The WHERE clause of an EventFilter (its parameters: SliceRange). */
const EVENT_FILTER = `({tenant:String} = '' OR tenant = {tenant:String})
          AND occurred_at >= {from:DateTime64(3, 'UTC')}
          AND occurred_at <= {to:DateTime64(3, 'UTC')}`;

/** Events per slice of `readEvents` (about 20 MB of payloads). */
export const READ_SLICE_EVENTS = 50_000;

export interface DeadLetterQuery {
  readonly limit: number;
  readonly offset?: number;
  readonly tenant?: string | undefined;
}

/** Payloads above this are cut in the dead-letter store; the reason says so. */
export const MAX_DEAD_LETTER_PAYLOAD = 64 * 1024;

/**
 * Reads and writes of raw events and dead letters. Callers dedupe with `storedKeys` before
 * `insertEvents`; the `Ingestor` does that one write at a time (group-commit.ts) so one
 * process never stores an id twice.
 */
export class EventStore {
  private lastSeq = 0;

  constructor(
    private readonly store: StoreClient,
    /** Events per slice of `readEvents` (about 20 MB of payloads by default). */
    private readonly readSliceEvents = READ_SLICE_EVENTS,
  ) {}

  get kind(): StoreClient['kind'] {
    return this.store.kind;
  }

  private table(name: 'events' | 'dead_letters'): string {
    return `${this.store.database}.${name}`;
  }

  /**
   * The first of `count` numbers of a strictly increasing sequence (a microsecond clock,
   * bumped on ties) recording arrival order: "the first one seen wins" is the row with the
   * smallest `ingest_seq` per id. Taken when a batch is encoded, so in the order batches came.
   */
  reserveSeqs(count: number, now: number): number {
    const first = Math.max(this.lastSeq + 1, now * 1000);
    this.lastSeq = first + Math.max(0, count - 1);
    return first;
  }

  /**
   * The keys (`eventKey`) of the stored events that have one of these ids (validated:
   * `[A-Za-z0-9._:-]`, no newline), in whichever tenant.
   */
  async storedKeys(ids: readonly string[]): Promise<Set<string>> {
    // Many ids (a Kafka batch's): chDB reads them from a file, one per line, in half the time
    // and CPU it takes them as a parameter (13k ids: 14 against 28 ms), all in one query.
    if (this.store.withFile && ids.length > SKIP_INDEX_MAX_IDS) {
      return this.store.withFile(ids.join('\n'), (file) =>
        this.storedKeysIn(`(SELECT line FROM file(${file}, 'LineAsString'))`, {}, 0),
      );
    }
    const known = new Set<string>();
    // In slices: chDB takes one query's parameters fast up to about 1 MiB of them, then
    // suddenly not (25k ids: 15 s instead of 60 ms, docs/benchmarks.md), and a server's URL
    // has a limit too. One text of ids, one per line, split in SQL: an array parameter of
    // 10k strings cost chDB 27 ms of CPU to take in, the text 17.
    for (let i = 0; i < ids.length; i += KNOWN_IDS_PER_QUERY) {
      const slice = ids.slice(i, i + KNOWN_IDS_PER_QUERY);
      const found = await this.storedKeysIn(
        `splitByChar('\\n', {ids:String})`,
        { ids: slice.join('\n') },
        // The bloom filter on id skips a block of rows only when none of the ids might be in
        // it: 0.1% false positives per id, so past a few thousand ids it skips nothing and
        // costs its lookups (10k new ids, 5M events: 43 ms with it, 30 ms without).
        slice.length > SKIP_INDEX_MAX_IDS ? 0 : 1,
      );
      for (const key of found) known.add(key);
    }
    return known;
  }

  private async storedKeysIn(
    list: string,
    params: Record<string, string>,
    useSkipIndexes: 0 | 1,
  ): Promise<Set<string>> {
    const result = await this.store.client.query({
      query: `SELECT DISTINCT tenant, id FROM ${this.table('events')} WHERE id IN ${list}`,
      query_params: params,
      clickhouse_settings: { use_skip_indexes: useSkipIndexes },
      format: 'JSONEachRow',
    });
    const rows = await result.json<{ tenant: string; id: string }>();
    return new Set(rows.map(({ tenant, id }) => eventKey(tenant, id)));
  }

  /**
   * Stores events (already validated and deduplicated by the caller). With a `dedupToken`,
   * a retried insert of the same batch is ignored by ClickHouse (insert_deduplication_token).
   */
  async insertEvents(
    events: readonly CallEvent[],
    meta: IngestMeta,
    dedupToken?: string,
  ): Promise<void> {
    await this.insertEncoded(
      [{ rows: encodeEventRows(events, meta, this.reserveSeqs(events.length, meta.receivedAt)) }],
      dedupToken,
    );
  }

  /**
   * Rows from `encodeEventRows` (of several batches, each carrying the arrival sequence it got
   * when encoded) in one insert, in the order given.
   */
  async insertEncoded(groups: readonly EncodedRows[], dedupToken?: string): Promise<void> {
    const data = joinRows(groups);
    if (data.length === 0) return;
    await this.store.insertTabSeparated({
      table: this.table('events'),
      columns: EVENT_COLUMNS,
      data,
      settings: {
        ...EVENT_INSERT_SETTINGS,
        ...(dedupToken ? tokenSettings(dedupToken) : {}),
      },
    });
  }

  async insertDeadLetters(letters: readonly NewDeadLetter[], receivedAt: number): Promise<void> {
    const fresh = await this.newDeadLetters(letters, receivedAt);
    if (fresh.length === 0) return;
    await this.store.client.insert({
      table: this.table('dead_letters'),
      values: fresh.map(({ letter: l, id }) => {
        const cut = l.payload.length > MAX_DEAD_LETTER_PAYLOAD;
        // Hostile input carries lone surrogates (JSON's "\ud800"), which ClickHouse refuses
        // in a JSON row and which a cut can make of a pair: kept as U+FFFD, the letter stays.
        return {
          id,
          received_at: chTime(receivedAt),
          tenant: l.tenant.toWellFormed(),
          source: l.source.toWellFormed(),
          reason: (cut
            ? `${l.reason} (payload cut to ${MAX_DEAD_LETTER_PAYLOAD} characters)`
            : l.reason
          ).toWellFormed(),
          payload: (cut ? l.payload.slice(0, MAX_DEAD_LETTER_PAYLOAD) : l.payload).toWellFormed(),
        };
      }),
      format: 'JSONEachRow',
    });
  }

  /**
   * The letters to store, each with its id: one derived from its origin when it has one, and
   * then only if no letter of that origin was stored within the redelivery horizon.
   */
  private async newDeadLetters(
    letters: readonly NewDeadLetter[],
    receivedAt: number,
  ): Promise<{ letter: NewDeadLetter; id: string }[]> {
    const withIds = letters.map((letter) => ({
      letter,
      id: letter.origin === undefined ? randomUUID() : originId(letter.origin),
    }));
    const keyed = withIds.filter(({ letter }) => letter.origin !== undefined).map(({ id }) => id);
    if (keyed.length === 0) return withIds;
    const result = await this.store.client.query({
      query: `SELECT DISTINCT id FROM ${this.table('dead_letters')}
        WHERE received_at >= fromUnixTimestamp64Milli({since:Int64}) AND id IN {ids:Array(String)}`,
      query_params: { since: receivedAt - REDELIVERY_HORIZON_MS, ids: keyed },
      format: 'JSONEachRow',
    });
    const stored = new Set((await result.json<{ id: string }>()).map((row) => row.id));
    return withIds.filter(({ id }) => {
      if (stored.has(id)) return false;
      stored.add(id); // and once within this call
      return true;
    });
  }

  /** Newest first. */
  async listDeadLetters(query: DeadLetterQuery): Promise<DeadLetter[]> {
    const result = await this.store.client.query({
      query: `SELECT id, toString(received_at) AS received_at, tenant, source, reason, payload
        FROM ${this.table('dead_letters')}
        WHERE {tenant:String} = '' OR tenant = {tenant:String}
        ORDER BY received_at DESC, id
        LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
      query_params: { tenant: query.tenant ?? '', limit: query.limit, offset: query.offset ?? 0 },
      format: 'JSONEachRow',
    });
    const rows = await result.json<{
      id: string;
      received_at: string;
      tenant: string;
      source: string;
      reason: string;
      payload: string;
    }>();
    return rows.map((r) => ({
      id: r.id,
      receivedAt: isoFromChTime(r.received_at),
      tenant: r.tenant,
      source: r.source,
      reason: r.reason,
      payload: r.payload,
    }));
  }

  /** Distinct stored events (optionally of one tenant). */
  async countEvents(tenant?: string): Promise<number> {
    const result = await this.store.client.query({
      query: `SELECT uniqExact(tenant, id) AS n FROM ${this.table('events')}
        WHERE {tenant:String} = '' OR tenant = {tenant:String}`,
      query_params: { tenant: tenant ?? '' },
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{ n: number | string }>();
    return Number(row?.n ?? 0);
  }

  /** The first page's counters: distinct events in total, since `dayStart`, and by type. */
  async stats(at: number, dayStart: number, tenant?: string): Promise<StoreStats> {
    const result = await this.store.client.query({
      query: `SELECT
          uniqExact(tenant, id) AS total,
          uniqExactIf(tenant, id, occurred_at >= {dayStart:DateTime64(3, 'UTC')}) AS today,
          toString(max(occurred_at)) AS last,
          (SELECT count() FROM ${this.table('dead_letters')}
            WHERE {tenant:String} = '' OR tenant = {tenant:String}) AS dead_letters
        FROM ${this.table('events')}
        WHERE ({tenant:String} = '' OR tenant = {tenant:String})
          AND occurred_at <= {at:DateTime64(3, 'UTC')}`,
      query_params: { tenant: tenant ?? '', at: chTime(at), dayStart: chTime(dayStart) },
      format: 'JSONEachRow',
    });
    const [row] = await result.json<{
      total: number;
      today: number;
      last: string;
      dead_letters: number;
    }>();
    const byType = await this.store.client.query({
      query: `SELECT type, uniqExact(tenant, id) AS n FROM ${this.table('events')}
        WHERE ({tenant:String} = '' OR tenant = {tenant:String})
          AND occurred_at >= {dayStart:DateTime64(3, 'UTC')}
          AND occurred_at <= {at:DateTime64(3, 'UTC')}
        GROUP BY type ORDER BY type`,
      query_params: { tenant: tenant ?? '', at: chTime(at), dayStart: chTime(dayStart) },
      format: 'JSONEachRow',
    });
    const types = await byType.json<{ type: string; n: number }>();
    const total = Number(row?.total ?? 0);
    return {
      at: new Date(at).toISOString(),
      total,
      today: Number(row?.today ?? 0),
      byType: Object.fromEntries(types.map((t) => [t.type, Number(t.n)])),
      deadLetters: Number(row?.dead_letters ?? 0),
      lastEventAt: total > 0 && row ? isoFromChTime(row.last) : null,
    };
  }

  /**
   * Stored events, the first of each id only — for rebuilding projections and for replay.
   * Read in slices of about `readSliceEvents` by time (hours in order, arrival order within a
   * slice), each slice queried while the one before is consumed: chDB hands over a query's
   * result only whole, so one query for a busy day held every payload in memory at once and
   * left the fold waiting for all of it. A year of history never sits in memory at once.
   */
  async *readEvents(filter: EventFilter = {}): AsyncGenerator<CallEvent> {
    const to = filter.to ?? Date.UTC(2299, 11, 31);
    const range = { tenant: filter.tenant ?? '', from: chTime(filter.from ?? 0), to: chTime(to) };
    // The last slice ends just after the filter's own (inclusive) end.
    const end = chTime(to + 1);
    const [slices, repeated] = await Promise.all([this.readSlices(range), this.repeatedIds(range)]);
    const read = (slice: { from: string; to: string | undefined }) => {
      const events = this.readSlice(range, { from: slice.from, to: slice.to ?? end }, repeated);
      // A reader that stops early leaves the prefetched slice unread: not an unhandled error.
      events.catch(() => undefined);
      return events;
    };
    let next = slices[0] && read(slices[0]);
    for (let i = 0; next; i++) {
      const current = next;
      const after = slices[i + 1];
      // Started before this slice is consumed: chDB works on it meanwhile, in its own thread.
      next = after && read(after);
      yield* await current;
    }
  }

  /** Hour ranges of the filter's events, cut once a slice holds `readSliceEvents`. */
  private async readSlices(range: SliceRange): Promise<{ from: string; to: string | undefined }[]> {
    const result = await this.store.client.query({
      query: `SELECT toString(toStartOfHour(occurred_at)) AS hour, count() AS n
        FROM ${this.table('events')}
        WHERE ${EVENT_FILTER}
        GROUP BY hour ORDER BY hour`,
      query_params: range,
      format: 'JSONEachRow',
    });
    const hours = await result.json<{ hour: string; n: number | string }>();
    const slices: { from: string; to: string | undefined }[] = [];
    let open: { from: string; n: number } | undefined;
    for (const [i, { hour, n }] of hours.entries()) {
      open ??= { from: hour, n: 0 };
      open.n += Number(n);
      const nextHour = hours[i + 1]?.hour;
      if (nextHour === undefined || open.n >= this.readSliceEvents) {
        // Up to the next slice's first hour (exclusive), or to the filter's end.
        slices.push({ from: open.from, to: nextHour });
        open = undefined;
      }
    }
    return slices;
  }

  /**
   * Events (by `eventKey`) stored more than once with their first arrival (two writers racing;
   * copies that differ only in time can fall into different slices): every other copy is
   * skipped. Nearly always none — a scan of the tenant and id columns only.
   */
  private async repeatedIds(range: SliceRange): Promise<Map<string, number>> {
    const result = await this.store.client.query({
      query: `SELECT ${KEY_SQL} AS key, min(ingest_seq) AS first FROM ${this.table('events')}
        WHERE ${EVENT_FILTER}
        GROUP BY tenant, id HAVING count() > 1`,
      query_params: range,
      format: 'JSONEachRow',
    });
    const rows = await result.json<{ key: string; first: number | string }>();
    return new Map(rows.map((r) => [r.key, Number(r.first)]));
  }

  private async readSlice(
    range: SliceRange,
    slice: { from: string; to: string },
    repeated: ReadonlyMap<string, number>,
  ): Promise<CallEvent[]> {
    const result = await this.store.client.query({
      query: `SELECT ${KEY_SQL}, ingest_seq, payload FROM ${this.table('events')}
        WHERE ${EVENT_FILTER}
          AND occurred_at >= {sliceFrom:DateTime64(3, 'UTC')}
          AND occurred_at < {sliceTo:DateTime64(3, 'UTC')}
        ORDER BY ingest_seq`,
      query_params: { ...range, sliceFrom: slice.from, sliceTo: slice.to },
      // Key and sequence hold no tabs, and the payload is JSON without raw tabs or line
      // breaks, so the raw text format hands each over as is: one JSON.parse per event.
      format: 'TabSeparatedRaw',
    });
    const events: CallEvent[] = [];
    for await (const rows of result.stream()) {
      for (const row of rows) {
        const text = row.text;
        const keyEnd = text.indexOf('\t');
        const seqEnd = text.indexOf('\t', keyEnd + 1);
        const first = repeated.get(text.slice(0, keyEnd));
        if (first !== undefined && first !== Number(text.slice(keyEnd + 1, seqEnd))) continue;
        events.push(JSON.parse(text.slice(seqEnd + 1)) as CallEvent);
      }
    }
    return events;
  }

  /**
   * What a projection restored from a checkpoint still has to fold: the tenant's events
   * stored with `ingest_seq` > `afterSeq` that occurred at or after `from` (the window it
   * keeps; ids it already holds are ignored by the fold, so the range may overlap), and those
   * that occurred earlier only when stored after `seq` itself (their ids are forgotten, so an
   * overlap would count them twice in their day's sums). Each id's first arrival, in arrival
   * order. One query: the tail after a checkpoint is minutes of events.
   */
  async eventsStoredAfter(
    tenant: string,
    range: { readonly afterSeq: number; readonly seq: number; readonly from: number },
  ): Promise<CallEvent[]> {
    const result = await this.store.client.query({
      query: `SELECT payload FROM ${this.table('events')}
        WHERE tenant = {tenant:String} AND ingest_seq > {afterSeq:UInt64}
          AND (occurred_at >= {from:DateTime64(3, 'UTC')} OR ingest_seq > {seq:UInt64})
        ORDER BY ingest_seq
        LIMIT 1 BY id`,
      query_params: {
        tenant,
        afterSeq: Math.max(0, Math.floor(range.afterSeq)),
        seq: Math.max(0, Math.floor(range.seq)),
        from: chTime(range.from),
      },
      // The payload is JSON without raw tabs or line breaks: each row's text is one event.
      format: 'TabSeparatedRaw',
    });
    const events: CallEvent[] = [];
    for await (const rows of result.stream()) {
      for (const row of rows) events.push(JSON.parse(row.text) as CallEvent);
    }
    return events;
  }

  /**
   * Each agent's latest state event before `before` (one per agent and team, so team scopes
   * get theirs too): a projection rebuilt from `before` on knows who was already logged in.
   */
  async latestAgentStatesBefore(tenant: string, before: number): Promise<CallEvent[]> {
    const result = await this.store.client.query({
      query: `SELECT argMax(payload, (occurred_at, id)) AS payload
        FROM (
          SELECT id, agent_id, team, occurred_at, payload FROM ${this.table('events')}
          WHERE tenant = {tenant:String} AND type = 'agent.state'
            AND occurred_at < {before:DateTime64(3, 'UTC')}
          ORDER BY ingest_seq
          LIMIT 1 BY id
        )
        GROUP BY agent_id, team`,
      query_params: { tenant, before: chTime(before) },
      format: 'JSONEachRow',
    });
    return (await result.json<{ payload: string }>()).map(
      (r) => JSON.parse(r.payload) as CallEvent,
    );
  }

  /**
   * The order events before `before` that a projection rebuilt from `before` on still needs for
   * its order book and attribution (docs/kpis.md, Orders): every event of each order not closed
   * (shipped or cancelled) before `before`, and of each order closed since `keepClosedFrom` (a
   * late return must still find its agent). Each id once, its first arrival, in arrival order.
   */
  async orderEventsBefore(
    tenant: string,
    before: number,
    keepClosedFrom: number,
  ): Promise<CallEvent[]> {
    const result = await this.store.client.query({
      query: `SELECT payload FROM ${this.table('events')}
        WHERE tenant = {tenant:String} AND startsWith(type, 'order.')
          AND occurred_at < {before:DateTime64(3, 'UTC')}
          AND order_id IN (
            SELECT order_id FROM ${this.table('events')}
            WHERE tenant = {tenant:String} AND startsWith(type, 'order.')
              AND occurred_at < {before:DateTime64(3, 'UTC')}
            GROUP BY order_id
            HAVING countIf(type IN ('order.shipped', 'order.cancelled')) = 0
              OR minIf(occurred_at, type IN ('order.shipped', 'order.cancelled'))
                >= {keepClosedFrom:DateTime64(3, 'UTC')}
          )
        ORDER BY ingest_seq
        LIMIT 1 BY id`,
      query_params: { tenant, before: chTime(before), keepClosedFrom: chTime(keepClosedFrom) },
      format: 'JSONEachRow',
    });
    return (await result.json<{ payload: string }>()).map(
      (r) => JSON.parse(r.payload) as CallEvent,
    );
  }

  /**
   * The list events before `before` that a projection rebuilt from `before` on needs for its
   * lists' progress (docs/kpis.md, Outbound lists): the loads, and the dials and outbound
   * connects naming a list, of each list with an event since `keepFrom` (a list quiet longer is
   * not kept live either). Each id once, its first arrival, in arrival order.
   */
  async listEventsBefore(tenant: string, before: number, keepFrom: number): Promise<CallEvent[]> {
    const listEvents = `tenant = {tenant:String} AND occurred_at < {before:DateTime64(3, 'UTC')}
      AND (type IN ('list.loaded', 'call.dialed')
        OR (type = 'call.connected' AND direction = 'outbound'))`;
    const result = await this.store.client.query({
      query: `SELECT payload FROM (
          SELECT id, ingest_seq, payload, JSONExtractString(payload, 'listId') AS list_id
          FROM ${this.table('events')}
          WHERE ${listEvents}
        )
        WHERE list_id != '' AND list_id IN (
          SELECT JSONExtractString(payload, 'listId') AS list_id FROM ${this.table('events')}
          WHERE ${listEvents} AND occurred_at >= {keepFrom:DateTime64(3, 'UTC')}
        )
        ORDER BY ingest_seq
        LIMIT 1 BY id`,
      query_params: { tenant, before: chTime(before), keepFrom: chTime(keepFrom) },
      format: 'JSONEachRow',
    });
    return (await result.json<{ payload: string }>()).map(
      (r) => JSON.parse(r.payload) as CallEvent,
    );
  }

  /**
   * The order id of the first stored of these events of a tenant (`undefined` when none is
   * stored): a Shopify refund names only Shopify's order id, and after a restart its link to
   * the call's order id is found through the order events stored under that id.
   */
  async orderIdOf(tenant: string, ids: readonly string[]): Promise<string | undefined> {
    const result = await this.store.client.query({
      query: `SELECT order_id FROM ${this.table('events')}
        WHERE tenant = {tenant:String} AND id IN {ids:Array(String)} AND order_id != ''
        ORDER BY ingest_seq LIMIT 1`,
      query_params: { tenant, ids },
      format: 'JSONEachRow',
    });
    return (await result.json<{ order_id: string }>())[0]?.order_id;
  }

  /**
   * The first stored `call.abandoned` of a call since `from` (undefined when none): the
   * call-back workflow reads its queue, team and caller's number here, where the full number
   * is kept — the floor holds only the masked one.
   */
  async abandonedCall(
    tenant: string,
    callId: string,
    from: number,
  ): Promise<EventOfType<'call.abandoned'> | undefined> {
    const result = await this.store.client.query({
      query: `SELECT payload FROM ${this.table('events')}
        WHERE tenant = {tenant:String} AND type = 'call.abandoned' AND call_id = {callId:String}
          AND occurred_at >= {from:DateTime64(3, 'UTC')}
        ORDER BY ingest_seq LIMIT 1`,
      query_params: { tenant, callId, from: chTime(from) },
      format: 'JSONEachRow',
    });
    const row = (await result.json<{ payload: string }>())[0];
    return row && (JSON.parse(row.payload) as EventOfType<'call.abandoned'>);
  }

  /** The tenants that have stored events. */
  async tenants(): Promise<string[]> {
    const result = await this.store.client.query({
      query: `SELECT DISTINCT tenant FROM ${this.table('events')} ORDER BY tenant`,
      format: 'JSONEachRow',
    });
    return (await result.json<{ tenant: string }>()).map((r) => r.tenant);
  }
}
