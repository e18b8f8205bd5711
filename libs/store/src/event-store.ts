import { randomUUID } from 'node:crypto';
import type { CallEvent, DeadLetter, StoreStats } from '@mieruka/contracts';
import type { StoreClient } from './client';
import { EVENT_COLUMNS, eventRows, type IngestMeta } from './event-row';
import { chTime, isoFromChTime } from './time';

export interface NewDeadLetter {
  readonly tenant: string;
  /** Which transport or adapter received it (`http`, `asterisk-ami`, …). */
  readonly source: string;
  readonly reason: string;
  /** The raw payload as received (text), kept for inspection and replay. */
  readonly payload: string;
}

export interface DeadLetterQuery {
  readonly limit: number;
  readonly offset?: number;
  readonly tenant?: string | undefined;
}

/** Payloads above this are cut in the dead-letter store; the reason says so. */
export const MAX_DEAD_LETTER_PAYLOAD = 64 * 1024;

/**
 * Reads and writes of raw events and dead letters. Callers dedupe with `knownIds` before
 * `insertEvents`; the `Ingestor` does that one write at a time (group-commit.ts) so one
 * process never stores an id twice.
 */
export class EventStore {
  private lastSeq = 0;

  constructor(private readonly store: StoreClient) {}

  get kind(): StoreClient['kind'] {
    return this.store.kind;
  }

  private table(name: 'events' | 'dead_letters'): string {
    return `${this.store.database}.${name}`;
  }

  /**
   * A strictly increasing sequence (microsecond clock, bumped on ties) recording arrival
   * order: "the first one seen wins" is the row with the smallest `ingest_seq` per id.
   */
  private nextSeq(now: number): number {
    this.lastSeq = Math.max(this.lastSeq + 1, now * 1000);
    return this.lastSeq;
  }

  /** Which of these ids are stored already. */
  async knownIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const result = await this.store.client.query({
      query: `SELECT DISTINCT id FROM ${this.table('events')} WHERE id IN {ids:Array(String)}`,
      query_params: { ids },
      format: 'JSONEachRow',
    });
    return new Set((await result.json<{ id: string }>()).map((r) => r.id));
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
    await this.insertEventGroups([{ events, meta }], dedupToken);
  }

  /** Events of several batches (each with its own receiving time and source) in one insert. */
  async insertEventGroups(
    groups: readonly { readonly events: readonly CallEvent[]; readonly meta: IngestMeta }[],
    dedupToken?: string,
  ): Promise<void> {
    const rows = groups.flatMap(({ events, meta }) =>
      eventRows(events, meta, () => this.nextSeq(meta.receivedAt)),
    );
    if (rows.length === 0) return;
    await this.store.client.insert({
      table: this.table('events'),
      values: rows,
      columns: [...EVENT_COLUMNS],
      format: 'JSONCompactEachRow',
      clickhouse_settings: dedupToken ? { insert_deduplication_token: dedupToken } : {},
    });
  }

  async insertDeadLetters(letters: readonly NewDeadLetter[], receivedAt: number): Promise<void> {
    if (letters.length === 0) return;
    await this.store.client.insert({
      table: this.table('dead_letters'),
      values: letters.map((l) => {
        const cut = l.payload.length > MAX_DEAD_LETTER_PAYLOAD;
        // Hostile input carries lone surrogates (JSON's "\ud800"), which ClickHouse refuses
        // in a JSON row and which a cut can make of a pair: kept as U+FFFD, the letter stays.
        return {
          id: randomUUID(),
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
      query: `SELECT uniqExact(id) AS n FROM ${this.table('events')}
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
          uniqExact(id) AS total,
          uniqExactIf(id, occurred_at >= {dayStart:DateTime64(3, 'UTC')}) AS today,
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
      query: `SELECT type, uniqExact(id) AS n FROM ${this.table('events')}
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
   * Stored events in arrival order, the first of each id only — for rebuilding projections
   * and for replay. Streams, so a year of history never sits in memory at once.
   */
  async *readEvents(
    filter: { tenant?: string; from?: number; to?: number } = {},
  ): AsyncGenerator<CallEvent> {
    const result = await this.store.client.query({
      query: `SELECT payload FROM ${this.table('events')}
        WHERE ({tenant:String} = '' OR tenant = {tenant:String})
          AND occurred_at >= {from:DateTime64(3, 'UTC')}
          AND occurred_at <= {to:DateTime64(3, 'UTC')}
        ORDER BY ingest_seq
        LIMIT 1 BY id`,
      query_params: {
        tenant: filter.tenant ?? '',
        from: chTime(filter.from ?? 0),
        to: chTime(filter.to ?? Date.UTC(2299, 11, 31)),
      },
      // The payload is JSON without raw tabs or line breaks, so the raw text format hands
      // it over as is: one JSON.parse per event instead of two.
      format: 'TabSeparatedRaw',
    });
    for await (const rows of result.stream()) {
      for (const row of rows) yield JSON.parse(row.text) as CallEvent;
    }
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

  /** The tenants that have stored events. */
  async tenants(): Promise<string[]> {
    const result = await this.store.client.query({
      query: `SELECT DISTINCT tenant FROM ${this.table('events')} ORDER BY tenant`,
      format: 'JSONEachRow',
    });
    return (await result.json<{ tenant: string }>()).map((r) => r.tenant);
  }
}
