import { parseScope, type Scope, type ScopeDimension } from '@mieruka/contracts';
import type { StoreClient } from './client';
import { ATTRIBUTED, DT, orderAttribution } from './kpi-sql/events.sql';
import { chTime } from './time';

/** What an export covers: one tenant's events with `from ≤ occurredAt < to`, of one scope. */
export interface StoredEventRange {
  readonly tenant: string;
  /** Epoch ms, inclusive. */
  readonly from: number;
  /** Epoch ms, exclusive. */
  readonly to: number;
  readonly scope: Scope;
}

/** Events per page of an export (about 5 MB of JSON): what sits in memory at once. */
export const EXPORT_PAGE_EVENTS = 10_000;

/** The events column each scope dimension names (a fixed list: never user input). */
const COLUMNS: Record<ScopeDimension, string> = {
  queue: 'queue',
  campaign: 'campaign',
  team: 'team',
  agent: 'agent_id',
};

/** `eventKey` (event-store.ts) in SQL: an id is an event only within its tenant. */
const KEY_SQL = "concat(tenant, '/', id)";

/**
 * The stored events behind a number, for `mieruka kpi` to recompute it: each event once (its
 * first arrival, as the engines count it), in arrival order (`ingest_seq`, the order the live
 * fold took them in and "first seen" means), as the canonical JSON that was stored.
 *
 * A scope keeps what counts in it (docs/kpis.md, Which events count): events whose own field
 * has the value, and order payments, holds, shipments and returns whose order's first-seen
 * confirmation (≤ the range's end) has it, as the SQL engine attributes them.
 *
 * Read in pages of `pageEvents` by arrival sequence: the page bounds come first (one scan of
 * the sequence column), then each page's payloads, the next page queried while one is
 * consumed. A 1M-event day never sits in memory at once; chDB hands a result over only whole.
 */
export class EventExport {
  constructor(
    private readonly store: StoreClient,
    private readonly pageEvents = EXPORT_PAGE_EVENTS,
  ) {}

  private get table(): string {
    return `${this.store.database}.events`;
  }

  /**
   * The export's pages, each a list of events as canonical JSON text (one line of NDJSON
   * each), and how many events it holds in all (for progress). Queries before it answers, so
   * a caller learns of a store failure before it starts writing anything.
   */
  async open(range: StoredEventRange): Promise<{
    readonly total: number;
    readonly pages: AsyncGenerator<string[]>;
  }> {
    const query = this.rangeQuery(range);
    const [bounds, repeated] = await Promise.all([this.pageBounds(query), this.repeatedIds(query)]);
    const total = bounds.rows - repeated.extra;
    return { total, pages: this.pages(query, bounds.starts, repeated.first) };
  }

  private rangeQuery(range: StoredEventRange): { where: string; params: Record<string, string> } {
    const params: Record<string, string> = {
      tenant: range.tenant,
      from: chTime(range.from),
      // orderAttribution's `at` is inclusive; the range's end is not.
      at: chTime(range.to - 1),
    };
    const time = `tenant = {tenant:String}
      AND occurred_at >= {from:${DT}} AND occurred_at <= {at:${DT}}`;
    const scope = parseScope(range.scope);
    if (!scope) return { where: time, params };
    const column = COLUMNS[scope.dimension];
    params['scopeValue'] = scope.value;
    const where = `${time} AND (
        (type NOT IN (${ATTRIBUTED}) AND ${column} = {scopeValue:String})
        OR (type IN (${ATTRIBUTED}) AND order_id IN (
          SELECT a_order FROM ${orderAttribution(this.store.database)}
          WHERE a_${column} = {scopeValue:String}
        ))
      )`;
    return { where, params };
  }

  /** The arrival sequence each page starts at, and how many rows (copies too) the range has. */
  private async pageBounds(query: {
    where: string;
    params: Record<string, string>;
  }): Promise<{ starts: string[]; rows: number }> {
    const result = await this.store.client.query({
      query: `SELECT toString(ingest_seq) AS seq, n FROM (
          SELECT ingest_seq,
            row_number() OVER (ORDER BY ingest_seq) AS row,
            count() OVER () AS n
          FROM ${this.table} WHERE ${query.where}
        )
        WHERE (row - 1) % {page:UInt32} = 0
        ORDER BY ingest_seq`,
      query_params: { ...query.params, page: this.pageEvents },
      format: 'JSONEachRow',
    });
    const rows = await result.json<{ seq: string; n: number | string }>();
    return { starts: rows.map((r) => r.seq), rows: Number(rows[0]?.n ?? 0) };
  }

  /**
   * Events stored more than once (a retried insert, two writers racing) with their first
   * arrival, and how many extra rows they make. Nearly always none.
   */
  private async repeatedIds(query: {
    where: string;
    params: Record<string, string>;
  }): Promise<{ first: Map<string, string>; extra: number }> {
    const result = await this.store.client.query({
      query: `SELECT ${KEY_SQL} AS key, toString(min(ingest_seq)) AS first, count() AS n
        FROM ${this.table} WHERE ${query.where}
        GROUP BY tenant, id HAVING count() > 1`,
      query_params: query.params,
      format: 'JSONEachRow',
    });
    const rows = await result.json<{ key: string; first: string; n: number | string }>();
    return {
      first: new Map(rows.map((r) => [r.key, r.first])),
      extra: rows.reduce((sum, r) => sum + Number(r.n) - 1, 0),
    };
  }

  private async *pages(
    query: { where: string; params: Record<string, string> },
    starts: readonly string[],
    repeated: ReadonlyMap<string, string>,
  ): AsyncGenerator<string[]> {
    // A repeated event's copies can share their sequence (a retried insert re-sends the rows
    // encoded once): the first written out wins, the others are skipped.
    const written = new Set<string>();
    const read = (i: number) => {
      const page = this.page(query, starts[i]!, starts[i + 1], repeated, written);
      // A reader that stops early leaves the prefetched page unread: not an unhandled error.
      page.catch(() => undefined);
      return page;
    };
    let next = starts.length > 0 ? read(0) : undefined;
    for (let i = 0; next; i++) {
      const current = next;
      next = i + 1 < starts.length ? read(i + 1) : undefined;
      yield await current;
    }
  }

  private async page(
    query: { where: string; params: Record<string, string> },
    start: string,
    end: string | undefined,
    repeated: ReadonlyMap<string, string>,
    written: Set<string>,
  ): Promise<string[]> {
    const result = await this.store.client.query({
      query: `SELECT ${KEY_SQL}, ingest_seq, payload FROM ${this.table}
        WHERE ${query.where}
          AND ingest_seq >= {start:UInt64}
          ${end === undefined ? '' : 'AND ingest_seq < {end:UInt64}'}
        ORDER BY ingest_seq, id`,
      query_params: { ...query.params, start, ...(end === undefined ? {} : { end }) },
      // Key and sequence hold no tabs, and the payload is JSON without raw tabs or line
      // breaks, so the raw text format hands each over as stored.
      format: 'TabSeparatedRaw',
    });
    const lines: string[] = [];
    for await (const rows of result.stream()) {
      for (const row of rows) {
        const text = row.text;
        const keyEnd = text.indexOf('\t');
        const seqEnd = text.indexOf('\t', keyEnd + 1);
        const key = text.slice(0, keyEnd);
        const first = repeated.get(key);
        if (first !== undefined) {
          if (first !== text.slice(keyEnd + 1, seqEnd) || written.has(key)) continue;
          written.add(key);
        }
        lines.push(text.slice(seqEnd + 1));
      }
    }
    return lines;
  }
}
