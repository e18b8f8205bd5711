import { clusterStatement, type ClusterLayout } from './cluster-ddl';
import { migrations } from './migrations';

/**
 * How each statement of each migration changes on a cluster, written out by hand: where
 * `ON CLUSTER` goes (after the text given, `end` for last, `none` for an insert), which
 * engine becomes its Replicated form, and whether the deduplication window is swapped. A
 * new migration fails the first test until its statements are listed here.
 */
interface Change {
  /** The text ON CLUSTER follows, or `end`, or `none`. */
  readonly after: string;
  readonly engine?: string;
  readonly window?: true;
}

const expected: Record<number, readonly Change[]> = {
  1: [
    {
      after: 'CREATE TABLE IF NOT EXISTS {db}.events',
      engine: 'MergeTree\n',
      window: true,
    },
    { after: 'CREATE TABLE IF NOT EXISTS {db}.dead_letters', engine: 'MergeTree\n' },
  ],
  2: [
    { after: 'end' },
    { after: 'CREATE TABLE {db}.events_dedup', engine: 'ReplacingMergeTree\n', window: true },
    { after: 'none' },
    { after: 'end' },
    { after: 'end' },
  ],
  3: [
    { after: 'CREATE TABLE IF NOT EXISTS {db}.users', engine: 'ReplacingMergeTree(version)' },
    {
      after: 'CREATE TABLE IF NOT EXISTS {db}.access_tokens',
      engine: 'ReplacingMergeTree(version)',
    },
  ],
  4: [
    { after: 'CREATE TABLE IF NOT EXISTS {db}.wallboards', engine: 'ReplacingMergeTree(version)' },
  ],
  5: [{ after: 'CREATE TABLE IF NOT EXISTS {db}.audit_log', engine: 'MergeTree\n' }],
  6: [
    {
      after: 'CREATE TABLE IF NOT EXISTS {db}.token_uses',
      engine: 'ReplacingMergeTree(last_used_at)',
    },
  ],
  7: [{ after: 'ALTER TABLE {db}.users' }, { after: 'ALTER TABLE {db}.users' }],
  8: [
    {
      after: 'CREATE TABLE IF NOT EXISTS {db}.tenant_settings',
      engine: 'ReplacingMergeTree(version)',
    },
  ],
  9: [
    {
      after: 'CREATE TABLE IF NOT EXISTS {db}.adapter_settings',
      engine: 'ReplacingMergeTree(version)',
    },
  ],
  10: [{ after: 'ALTER TABLE {db}.access_tokens' }],
  11: [
    {
      after: 'CREATE TABLE IF NOT EXISTS {db}.alert_settings',
      engine: 'ReplacingMergeTree(version)',
    },
  ],
  12: [
    {
      after: 'CREATE TABLE IF NOT EXISTS {db}.live_checkpoints',
      engine: 'ReplacingMergeTree(taken_at)',
    },
  ],
  13: [
    { after: 'CREATE TABLE IF NOT EXISTS {db}.rollup_sums', engine: 'MergeTree\n' },
    {
      after: 'CREATE TABLE IF NOT EXISTS {db}.rollup_buckets',
      engine: 'ReplacingMergeTree(raw_rows)',
    },
  ],
  14: [
    {
      after: 'CREATE TABLE IF NOT EXISTS {db}.agent_state_hours',
      engine: 'AggregatingMergeTree\n',
    },
    { after: 'CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.agent_state_hours_mv' },
    { after: 'none' },
  ],
  15: [
    { after: 'CREATE TABLE IF NOT EXISTS {db}.rollup_agent_time', engine: 'MergeTree\n' },
    {
      after: 'CREATE TABLE IF NOT EXISTS {db}.agent_time_buckets',
      engine: 'ReplacingMergeTree(raw_rows)',
    },
  ],
  16: [{ after: 'ALTER TABLE {db}.rollup_buckets' }],
  17: [
    { after: 'ALTER TABLE {db}.events' },
    { after: 'ALTER TABLE {db}.events' },
    { after: 'ALTER TABLE {db}.events' },
  ],
};

const WINDOW = 'non_replicated_deduplication_window = 10000';
const REPLICATED_WINDOW =
  'replicated_deduplication_window = 10000, replicated_deduplication_window_seconds = 604800';

/** `text` with `from` (found exactly once) replaced by `to`. */
function swapOnce(text: string, from: string, to: string): string {
  expect(text.split(from)).toHaveLength(2);
  return text.replace(from, to);
}

/** The statement as the hand-written change says it should read in `layout`. */
function applyChange(statement: string, change: Change, layout: ClusterLayout): string {
  let out = statement;
  const clause = layout.cluster === undefined ? '' : ` ON CLUSTER '${layout.cluster}'`;
  if (change.after === 'end') out = `${out}${clause}`;
  else if (change.after !== 'none') out = swapOnce(out, change.after, `${change.after}${clause}`);
  if (layout.replicated && change.engine) {
    out = swapOnce(out, `ENGINE = ${change.engine}`, `ENGINE = Replicated${change.engine}`);
  }
  if (layout.replicated && change.window) out = swapOnce(out, WINDOW, REPLICATED_WINDOW);
  return out;
}

const every = migrations.flatMap((m) =>
  m.statements.map((statement, i) => ({ version: m.version, i, statement })),
);

describe('the cluster form of the migrations', () => {
  it('has a written-out change for every statement of every migration', () => {
    expect(migrations.map((m) => [m.version, m.statements.length])).toEqual(
      Object.entries(expected).map(([version, changes]) => [Number(version), changes.length]),
    );
  });

  it('is every statement exactly as written when no layout is set', () => {
    for (const layout of [{}, { replicated: false }, { cluster: undefined, replicated: false }]) {
      for (const { statement } of every)
        expect(clusterStatement(statement, layout)).toBe(statement);
    }
  });

  it.each<[string, ClusterLayout]>([
    ['a self-hosted cluster', { cluster: 'main', replicated: true }],
    ['a cluster named by macro', { cluster: '{cluster}', replicated: true }],
    ['replicated without ON CLUSTER (Cloud, a Replicated database)', { replicated: true }],
    ['ON CLUSTER alone', { cluster: 'main' }],
  ])('places each statement on %s as written out', (_, layout) => {
    for (const { version, i, statement } of every) {
      const change = expected[version]?.[i];
      if (!change) throw new Error(`no change written for migration ${version}, statement ${i}`);
      expect(clusterStatement(statement, layout)).toBe(applyChange(statement, change, layout));
    }
  });

  it('reads in full as expected for each kind of statement', () => {
    const layout = { cluster: 'main', replicated: true };
    const [, dedup, copy, exchange, drop] = migrations[1]?.statements ?? [];
    expect(clusterStatement(dedup ?? '', layout))
      .toBe(`CREATE TABLE {db}.events_dedup ON CLUSTER 'main' AS {db}.events
      ENGINE = ReplicatedReplacingMergeTree
      PARTITION BY toYYYYMM(occurred_at)
      ORDER BY (tenant, occurred_at, id)
      SETTINGS replicated_deduplication_window = 10000, replicated_deduplication_window_seconds = 604800`);
    expect(clusterStatement(copy ?? '', layout)).toBe(
      'INSERT INTO {db}.events_dedup SELECT * FROM {db}.events',
    );
    expect(clusterStatement(exchange ?? '', layout)).toBe(
      "EXCHANGE TABLES {db}.events AND {db}.events_dedup ON CLUSTER 'main'",
    );
    expect(clusterStatement(drop ?? '', layout)).toBe(
      "DROP TABLE {db}.events_dedup ON CLUSTER 'main'",
    );
    expect(clusterStatement(migrations[9]?.statements[0] ?? '', layout)).toBe(
      `ALTER TABLE {db}.access_tokens ON CLUSTER 'main' ADD COLUMN IF NOT EXISTS session String DEFAULT '' AFTER label`,
    );
    expect(clusterStatement(migrations[5]?.statements[0] ?? '', layout))
      .toBe(`CREATE TABLE IF NOT EXISTS {db}.token_uses ON CLUSTER 'main' (
        id String,
        last_used_at DateTime64(3, 'UTC')
      )
      ENGINE = ReplicatedReplacingMergeTree(last_used_at)
      ORDER BY id`);
  });

  it('leaves no plain engine, no single-server window and no statement off the cluster', () => {
    const layout = { cluster: 'main', replicated: true };
    for (const { statement } of every) {
      const out = clusterStatement(statement, layout);
      expect(out).not.toMatch(/ENGINE = (?!Replicated)\w*MergeTree/);
      expect(out).not.toContain('non_replicated_deduplication_window');
      expect(out.split("ON CLUSTER 'main'")).toHaveLength(out.startsWith('INSERT') ? 1 : 2);
    }
  });
});

describe('clusterStatement refuses', () => {
  const layout = { cluster: 'main', replicated: true };

  it.each([
    ['a query', 'SELECT 1'],
    ['a plain view', 'CREATE VIEW {db}.v AS SELECT 1'],
    ['a rename', 'RENAME TABLE {db}.a TO {db}.b'],
    ['a truncate', 'TRUNCATE TABLE {db}.events'],
    ['an optimize', 'OPTIMIZE TABLE {db}.events FINAL'],
  ])('%s, which it has no cluster form for', (_, statement) => {
    expect(() => clusterStatement(statement, layout)).toThrow(/no cluster form/);
  });

  it.each([
    ['a table without an engine', 'CREATE TABLE {db}.b AS {db}.a'],
    ['an engine with no Replicated form', 'CREATE TABLE {db}.m (a UInt8) ENGINE = Memory'],
    [
      'an engine already replicated',
      'CREATE TABLE {db}.r (a UInt8) ENGINE = ReplicatedMergeTree ORDER BY a',
    ],
  ])('%s when tables are replicated', (_, statement) => {
    expect(() => clusterStatement(statement, layout)).toThrow(/one plain MergeTree-family engine/);
    expect(clusterStatement(statement, { cluster: 'main' })).toContain("ON CLUSTER 'main'");
  });

  it.each([
    ['a quote and more SQL', "main' SETTINGS x = 1 --"],
    ['a space', 'a b'],
    ['nothing', ''],
    ['201 characters', 'x'.repeat(201)],
  ])('a cluster name with %s', (_, cluster) => {
    expect(() => clusterStatement('DROP TABLE {db}.t', { cluster })).toThrow(/not a cluster name/);
  });
});
