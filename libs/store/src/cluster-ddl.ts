/**
 * The schema on a ClickHouse cluster (docs/store.md#on-a-cluster). The migrations spell every
 * table once, for one server; this turns each statement into its cluster form. Without a
 * layout (one server, chDB) every statement is returned exactly as written.
 */
export interface ClusterLayout {
  /** A cluster of the servers' `remote_servers`: each DDL statement runs on all of its hosts. */
  readonly cluster?: string | undefined;
  /** Tables are `Replicated*MergeTree`, kept in step (rows, insert tokens) through Keeper. */
  readonly replicated?: boolean | undefined;
}

/** Letters, digits, `_ . -`, and `{}` for a macro such as `{cluster}`; quoted in the SQL. */
const CLUSTER_NAME = /^[A-Za-z0-9_.{}-]{1,200}$/;

/** A table or database name as the migrations write it (`{db}.events`, `mieruka`). */
const NAME = String.raw`[A-Za-z0-9_{}]+(?:\.[A-Za-z0-9_{}]+)?`;

/** Statement heads that take `ON CLUSTER` right after the name, and where it goes. */
const AFTER_NAME = [
  new RegExp(String.raw`^(\s*CREATE\s+DATABASE\s+(?:IF\s+NOT\s+EXISTS\s+)?${NAME})`),
  new RegExp(String.raw`^(\s*CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?${NAME})`),
  new RegExp(String.raw`^(\s*CREATE\s+MATERIALIZED\s+VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?${NAME})`),
  new RegExp(String.raw`^(\s*ALTER\s+TABLE\s+${NAME})`),
  new RegExp(String.raw`^(\s*DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?${NAME})`),
];
/** `EXCHANGE TABLES a AND b ON CLUSTER c`: the clause comes last. */
const EXCHANGE = new RegExp(String.raw`^(\s*EXCHANGE\s+TABLES\s+${NAME}\s+AND\s+${NAME})\s*$`);
/** Rows, not schema: an insert is replicated by the table it writes to, never sent per host. */
const INSERT = /^\s*INSERT\s+INTO\s/;

/** Engines of the MergeTree family that have a Replicated form. */
const ENGINE = /\bENGINE\s*=\s*(\w*)MergeTree\b/g;
const REPLICABLE = new Set([
  '',
  'Replacing',
  'Summing',
  'Aggregating',
  'Collapsing',
  'VersionedCollapsing',
  'Coalescing',
  'Graphite',
]);

/**
 * A plain MergeTree forgets tokens unless told to remember (`non_replicated_deduplication_window`);
 * a replicated table keeps them in Keeper for every replica, within a window whose defaults
 * differ by version (1000 blocks for a week in older releases, 10000 for an hour in 26.7).
 * Pinned: as many tokens as on one server, kept as long as Kafka keeps a batch to redeliver
 * (`KAFKA_RETENTION_HOURS`, 7 days).
 */
const DEDUP_WINDOW = /\bnon_replicated_deduplication_window\s*=\s*(\d+)/;
const DEDUP_SECONDS = 7 * 24 * 60 * 60;

/** True when the layout changes anything: the statements of one server are used otherwise. */
export function isClustered(layout: ClusterLayout): boolean {
  return layout.cluster !== undefined || layout.replicated === true;
}

/**
 * One migration statement (with its `{db}` placeholder or a name) in the layout's form.
 * Anything it does not know how to place on a cluster is refused, never passed on as it is:
 * a new kind of statement in a migration fails its unit test instead of reaching one host.
 */
export function clusterStatement(statement: string, layout: ClusterLayout): string {
  if (!isClustered(layout)) return statement;
  // The settings check the name first, with a message; this keeps a caller's typo out of SQL.
  if (layout.cluster !== undefined && !CLUSTER_NAME.test(layout.cluster)) {
    throw new Error(`not a cluster name: ${JSON.stringify(layout.cluster)}`);
  }
  if (INSERT.test(statement)) return statement;
  const onCluster = layout.cluster === undefined ? '' : ` ON CLUSTER '${layout.cluster}'`;
  let placed: string | undefined;
  for (const head of AFTER_NAME) {
    if (head.test(statement)) {
      placed = statement.replace(head, `$1${onCluster}`);
      break;
    }
  }
  if (placed === undefined && EXCHANGE.test(statement)) {
    placed = statement.replace(EXCHANGE, `$1${onCluster}`);
  }
  if (placed === undefined) {
    throw new Error(`no cluster form for this statement: ${statement.trim().slice(0, 80)}`);
  }
  return layout.replicated && /^\s*CREATE\s+TABLE\s/.test(placed) ? replicated(placed) : placed;
}

/**
 * The table's engine as its Replicated form, without arguments: the servers then use their
 * `default_replica_path` and `default_replica_name`, `/clickhouse/tables/{uuid}/{shard}` and
 * `{replica}` unless changed. `{uuid}` keeps a path per table, so the copy-and-swap of
 * migration 2 never meets an old path; no arguments is also the only form ClickHouse Cloud
 * and a `Replicated` database accept (explicit ones are refused there by default).
 */
function replicated(statement: string): string {
  const engines = [...statement.matchAll(ENGINE)];
  const kind = engines[0]?.[1];
  if (engines.length !== 1 || kind === undefined || !REPLICABLE.has(kind)) {
    throw new Error(
      `a replicated table needs one plain MergeTree-family engine: ${statement.trim().slice(0, 80)}`,
    );
  }
  return statement
    .replace(ENGINE, `ENGINE = Replicated${kind}MergeTree`)
    .replace(
      DEDUP_WINDOW,
      `replicated_deduplication_window = $1, replicated_deduplication_window_seconds = ${DEDUP_SECONDS}`,
    );
}
