/**
 * Versioned schema changes, applied in order at start and recorded in `schema_migrations`.
 * Never edit a migration that has shipped: add the next one. `{db}` is the database name.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

/** Migration 14's rows of `agent_state_hours`, from `{db}.events`. */
const AGENT_STATE_HOURS_SELECT = `SELECT tenant, toStartOfHour(occurred_at) AS hour, agent_id,
        team, queue, campaign,
        argMaxState((occurred_at, id, toString(state)), (occurred_at, id)) AS latest
      FROM {db}.events
      WHERE type = 'agent.state'
      GROUP BY tenant, hour, agent_id, team, queue, campaign`;

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'events and dead letters',
    statements: [
      // Every canonical field gets a column for SQL; `payload` keeps the validated event as
      // JSON so a replay or a projection rebuild reads back exactly what was accepted.
      // Dedup (docs/store.md): ids are checked before insert, and every KPI query also keeps
      // the first row per id, so a race between two writers still never counts twice.
      `CREATE TABLE IF NOT EXISTS {db}.events (
        id String,
        type LowCardinality(String),
        occurred_at DateTime64(3, 'UTC'),
        tenant LowCardinality(String),
        source LowCardinality(String),
        call_id String,
        agent_id String,
        queue LowCardinality(String),
        campaign LowCardinality(String),
        team LowCardinality(String),
        direction LowCardinality(String),
        wait_ms Nullable(UInt32),
        talk_ms Nullable(UInt32),
        hold_ms Nullable(UInt32),
        wrap_ms Nullable(UInt32),
        disposition LowCardinality(String),
        resolved Nullable(Bool),
        order_id String,
        amount Nullable(Decimal(18, 2)),
        currency LowCardinality(String),
        state LowCardinality(String),
        reason String,
        payload String CODEC(ZSTD(3)),
        received_at DateTime64(3, 'UTC'),
        ingest_seq UInt64,
        ingest_source LowCardinality(String),
        INDEX idx_id id TYPE bloom_filter(0.001) GRANULARITY 1
      )
      ENGINE = MergeTree
      PARTITION BY toYYYYMM(occurred_at)
      ORDER BY (tenant, occurred_at, id)
      SETTINGS non_replicated_deduplication_window = 10000`,
      `CREATE TABLE IF NOT EXISTS {db}.dead_letters (
        id String,
        received_at DateTime64(3, 'UTC'),
        tenant LowCardinality(String),
        source LowCardinality(String),
        reason String,
        payload String CODEC(ZSTD(3))
      )
      ENGINE = MergeTree
      PARTITION BY toYYYYMM(received_at)
      ORDER BY (received_at, id)`,
    ],
  },
  {
    version: 2,
    name: 'events deduplicated by merge (ReplacingMergeTree)',
    statements: [
      // Query-time deduplication by id (LIMIT 1 BY id) hashed every id in a range: 5 s over 7
      // days of a 500-agent floor. Copies of an id that can reach the table are identical (a
      // retried insert; ingest refuses a second copy with other content), so they share the
      // sorting key and a ReplacingMergeTree collapses them in merges and under FINAL, which
      // merges sorted parts as it reads: 0.7 s for the same 7 days. Rebuilt by copy and swap;
      // safe to rerun from any step (the first statement drops a half-done copy).
      `DROP TABLE IF EXISTS {db}.events_dedup`,
      `CREATE TABLE {db}.events_dedup AS {db}.events
      ENGINE = ReplacingMergeTree
      PARTITION BY toYYYYMM(occurred_at)
      ORDER BY (tenant, occurred_at, id)
      SETTINGS non_replicated_deduplication_window = 10000`,
      `INSERT INTO {db}.events_dedup SELECT * FROM {db}.events`,
      `EXCHANGE TABLES {db}.events AND {db}.events_dedup`,
      `DROP TABLE {db}.events_dedup`,
    ],
  },
  {
    version: 3,
    name: 'users and access tokens',
    statements: [
      // Rows are never updated in place: a change (a revocation, a new password) is a new
      // row with a higher version, and FINAL reads the newest per key.
      `CREATE TABLE IF NOT EXISTS {db}.users (
        username String,
        tenant LowCardinality(String),
        role LowCardinality(String),
        password_hash String,
        created_at DateTime64(3, 'UTC'),
        disabled Bool,
        version UInt64
      )
      ENGINE = ReplacingMergeTree(version)
      ORDER BY username`,
      // Display tokens (TVs) and refresh tokens (sessions); only the SHA-256 digest of the
      // secret is kept. The secrets are 192 random bits, so a plain digest cannot be guessed
      // back (passwords, being guessable, get bcrypt instead).
      `CREATE TABLE IF NOT EXISTS {db}.access_tokens (
        id String,
        kind LowCardinality(String),
        digest String,
        tenant LowCardinality(String),
        subject String,
        label String,
        created_at DateTime64(3, 'UTC'),
        expires_at DateTime64(3, 'UTC'),
        revoked_at Nullable(DateTime64(3, 'UTC')),
        version UInt64
      )
      ENGINE = ReplacingMergeTree(version)
      ORDER BY id`,
    ],
  },
  {
    version: 4,
    name: 'wallboard definitions',
    statements: [
      // One row per version of a wallboard's definition (validated JSON); FINAL reads the
      // newest. A deletion is a newer row with `deleted`, so another instance's stale copy
      // cannot bring it back in a merge.
      `CREATE TABLE IF NOT EXISTS {db}.wallboards (
        tenant LowCardinality(String),
        id String,
        definition String,
        updated_at DateTime64(3, 'UTC'),
        updated_by String,
        deleted Bool,
        version UInt64
      )
      ENGINE = ReplacingMergeTree(version)
      ORDER BY (tenant, id)`,
    ],
  },
  {
    version: 5,
    name: 'audit log',
    statements: [
      // Append-only: an entry is written once and never changed. Read per tenant over a time
      // range, newest first. `summary` is JSON of the changed fields, never a secret.
      `CREATE TABLE IF NOT EXISTS {db}.audit_log (
        id String,
        at DateTime64(3, 'UTC'),
        tenant LowCardinality(String),
        actor String,
        actor_role LowCardinality(String),
        actor_tenant LowCardinality(String),
        action LowCardinality(String),
        target String,
        summary String,
        request_id String
      )
      ENGINE = MergeTree
      PARTITION BY toYYYYMM(at)
      ORDER BY (tenant, at, id)`,
    ],
  },
  {
    version: 6,
    name: 'last use of access tokens',
    statements: [
      // Apart from access_tokens so a use never rewrites a token's row (a stale use could
      // otherwise resurrect a revoked token in a merge). Written by each instance once a
      // minute at most; a token's last use is the newest row.
      `CREATE TABLE IF NOT EXISTS {db}.token_uses (
        id String,
        last_used_at DateTime64(3, 'UTC')
      )
      ENGINE = ReplacingMergeTree(last_used_at)
      ORDER BY id`,
    ],
  },
  {
    version: 7,
    name: 'supervisors limited to scopes; when a user last changed',
    statements: [
      // Empty for every existing user: the whole tenant, as before.
      `ALTER TABLE {db}.users ADD COLUMN IF NOT EXISTS scopes Array(String) AFTER role`,
      // When an admin last changed the user: sessions signed before it are refused, so a
      // narrower role or scope holds at once, not when the session would have expired.
      `ALTER TABLE {db}.users ADD COLUMN IF NOT EXISTS changed_at DateTime64(3, 'UTC') AFTER disabled`,
    ],
  },
  {
    version: 8,
    name: 'tenant settings saved by admins',
    statements: [
      // One row per saved version of a tenant's settings (validated JSON); FINAL reads the
      // newest. It overrides the settings file (MIERUKA_CONFIG) for that tenant; every API
      // instance polls this table, so it is the one place an edit lives.
      `CREATE TABLE IF NOT EXISTS {db}.tenant_settings (
        tenant LowCardinality(String),
        settings String,
        updated_at DateTime64(3, 'UTC'),
        updated_by String,
        version UInt64
      )
      ENGINE = ReplacingMergeTree(version)
      ORDER BY tenant`,
    ],
  },
  {
    version: 9,
    name: 'CTI adapter settings saved by admins',
    statements: [
      // As tenant_settings, by adapter name: a saved version overrides the adapter's
      // environment variables on every instance (each polls this table).
      `CREATE TABLE IF NOT EXISTS {db}.adapter_settings (
        adapter LowCardinality(String),
        settings String,
        updated_at DateTime64(3, 'UTC'),
        updated_by String,
        version UInt64
      )
      ENGINE = ReplacingMergeTree(version)
      ORDER BY adapter`,
    ],
  },
  {
    version: 10,
    name: 'refresh tokens carry their sign-in',
    statements: [
      // The sign-in a refresh token continues (one per login; a refresh passes it on), so a
      // logout ends that sign-in's access tokens and sockets too. Empty for older tokens.
      `ALTER TABLE {db}.access_tokens ADD COLUMN IF NOT EXISTS session String DEFAULT '' AFTER label`,
    ],
  },
  {
    version: 11,
    name: 'alert rules and channels saved by admins',
    statements: [
      // As adapter_settings, by tenant: one document of rules and channels (with the
      // channels' secrets), polled by every instance.
      `CREATE TABLE IF NOT EXISTS {db}.alert_settings (
        tenant LowCardinality(String),
        settings String,
        updated_at DateTime64(3, 'UTC'),
        updated_by String,
        version UInt64
      )
      ENGINE = ReplacingMergeTree(version)
      ORDER BY tenant`,
    ],
  },
  {
    version: 12,
    name: 'checkpoints of the live projections',
    statements: [
      // One row per tenant, fold version and settings (the newest kept by taken_at): an
      // instance starts from the newest one its build and settings can load (docs/store.md).
      // The state is gzip already, base64 for the JSON insert: no codec would gain on it.
      `CREATE TABLE IF NOT EXISTS {db}.live_checkpoints (
        tenant LowCardinality(String),
        fold_version UInt32,
        settings_hash String,
        seq UInt64,
        taken_at DateTime64(3, 'UTC'),
        checksum String,
        state String CODEC(NONE)
      )
      ENGINE = ReplacingMergeTree(taken_at)
      ORDER BY (tenant, fold_version, settings_hash)`,
    ],
  },
  {
    version: 13,
    name: 'history rollups: 15-minute sums per scope dimension',
    statements: [
      // The sums of docs/kpis.md per 15-minute bucket (UTC grid), per scope dimension and
      // value (dim '' is the whole tenant), disposition and dial outcome, as eventSumColumns
      // computes them; built by the app (rollups.ts) from deduplicated events, one build of a
      // bucket at a time. Rows of a build that was not accepted, or was superseded, are never
      // read: a history query reads only the build rollup_buckets names (docs/store.md).
      `CREATE TABLE IF NOT EXISTS {db}.rollup_sums (
        tenant LowCardinality(String),
        sl_threshold_ms UInt32,
        short_abandon_ms UInt32,
        dim LowCardinality(String),
        value String,
        bucket DateTime64(3, 'UTC'),
        build UUID,
        seg_disposition String,
        seg_outcome String,
        seg_offered UInt64,
        seg_answered UInt64,
        seg_answeredInSL UInt64,
        seg_abandoned UInt64,
        seg_shortAbandoned UInt64,
        seg_abandonedAfterThreshold UInt64,
        seg_abandonedCallerHangup UInt64,
        seg_abandonedTimeout UInt64,
        seg_abandonedKey UInt64,
        seg_abandonedEmpty UInt64,
        seg_abandonedOther UInt64,
        seg_dialed UInt64,
        seg_connectedOutbound UInt64,
        seg_failedDials UInt64,
        seg_wrapped UInt64,
        seg_orders UInt64,
        seg_cancelledOrders UInt64,
        seg_paidOrders UInt64,
        seg_heldOrders UInt64,
        seg_shippedOrders UInt64,
        seg_returnedOrders UInt64,
        seg_wrongItemReturns UInt64,
        seg_resolvedTrue UInt64,
        seg_resolvedKnown UInt64,
        seg_waitMs UInt64,
        seg_handleMs UInt64,
        seg_revenue Decimal(38, 2)
      )
      ENGINE = MergeTree
      PARTITION BY toYYYYMM(bucket)
      ORDER BY (tenant, sl_threshold_ms, short_abandon_ms, dim, value, bucket, build)`,
      // Per bucket, its accepted build and how many event rows (every type, no FINAL) the
      // table held for it then, which was also how many distinct events: a bucket is fresh
      // while the count is unchanged. Newest by raw_rows (events are never deleted, so a
      // bigger count is a later state).
      `CREATE TABLE IF NOT EXISTS {db}.rollup_buckets (
        tenant LowCardinality(String),
        sl_threshold_ms UInt32,
        short_abandon_ms UInt32,
        bucket DateTime64(3, 'UTC'),
        raw_rows UInt64,
        build UUID
      )
      ENGINE = ReplacingMergeTree(raw_rows)
      ORDER BY (tenant, sl_threshold_ms, short_abandon_ms, bucket)`,
    ],
  },
  {
    version: 14,
    name: 'latest agent state per hour, kept by ClickHouse',
    statements: [
      // Each agent's latest state event of each UTC hour, per team, queue and campaign (the
      // scope columns a state can carry), as (occurred_at, id, state) by (occurred_at, id):
      // where an agent's timeline starts, found without reading its whole history
      // (agent-states.sql.ts). argMax is idempotent, so a copy stored twice changes nothing.
      `CREATE TABLE IF NOT EXISTS {db}.agent_state_hours (
        tenant LowCardinality(String),
        hour DateTime('UTC'),
        agent_id String,
        team String,
        queue String,
        campaign String,
        latest AggregateFunction(argMax, Tuple(DateTime64(3, 'UTC'), String, String), Tuple(DateTime64(3, 'UTC'), String))
      )
      ENGINE = AggregatingMergeTree
      PARTITION BY toYYYYMM(hour)
      ORDER BY (tenant, hour, agent_id, team, queue, campaign)`,
      `CREATE MATERIALIZED VIEW IF NOT EXISTS {db}.agent_state_hours_mv TO {db}.agent_state_hours
      AS ${AGENT_STATE_HOURS_SELECT}`,
      // The events stored before the view: after it exists, so none falls between the two
      // (one seen by both is harmless).
      `INSERT INTO {db}.agent_state_hours ${AGENT_STATE_HOURS_SELECT}`,
    ],
  },
  {
    version: 15,
    name: 'history rollups of agent time: 15-minute state time per agent and team',
    statements: [
      // Per 15-minute bucket (UTC grid) and dimension ('' the tenant, agent, team): the ms agents
      // spent in each state within it (t_) and how many of those intervals reach past its end
      // (x_); rows of dim '#carry' hold, per bucket edge, the fingerprint of the states the
      // agents carried into it. Built by the app (agent-time-rollups.ts); only the build
      // agent_time_buckets names is read (docs/store.md).
      `CREATE TABLE IF NOT EXISTS {db}.rollup_agent_time (
        tenant LowCardinality(String),
        dim LowCardinality(String),
        value String,
        bucket DateTime64(3, 'UTC'),
        build UUID,
        carry UInt64,
        t_available Int64,
        x_available UInt32,
        t_on_call Int64,
        x_on_call UInt32,
        t_wrap Int64,
        x_wrap UInt32,
        t_not_ready Int64,
        x_not_ready UInt32,
        t_break Int64,
        x_break UInt32
      )
      ENGINE = MergeTree
      PARTITION BY toYYYYMM(bucket)
      ORDER BY (tenant, dim, value, bucket, build)`,
      // Per bucket, its accepted agent-time build and how many event rows the table held for
      // it then (also how many distinct events), as rollup_buckets does for the sums.
      `CREATE TABLE IF NOT EXISTS {db}.agent_time_buckets (
        tenant LowCardinality(String),
        bucket DateTime64(3, 'UTC'),
        raw_rows UInt64,
        build UUID
      )
      ENGINE = ReplacingMergeTree(raw_rows)
      ORDER BY (tenant, bucket)`,
    ],
  },
  {
    version: 16,
    name: 'history rollups record their layout',
    statements: [
      // Builds before it (layout 0) held the tenant as dim '' without the attributed order
      // types; layout 1 holds it as dim '*' with them (rollup.sql.ts). A reader reads only its
      // own layout, so older builds are simply built again.
      `ALTER TABLE {db}.rollup_buckets ADD COLUMN IF NOT EXISTS layout UInt8 DEFAULT 0`,
    ],
  },
  {
    version: 17,
    name: 'events counted per quarter hour by a projection',
    statements: [
      // Each part's rows per tenant and quarter hour, kept with the part itself (so always as
      // visible as its rows): how a history query checks its rollups are fresh without reading
      // a month of timestamps (rollup.sql.ts, storedRowsSql). A merge that collapses copies
      // counts again from the merged rows ('rebuild'), as count() without FINAL would.
      `ALTER TABLE {db}.events MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild'`,
      `ALTER TABLE {db}.events ADD PROJECTION IF NOT EXISTS quarter_rows (
        SELECT tenant, intDiv(toUnixTimestamp64Milli(occurred_at), 900000) AS quarter, count()
        GROUP BY tenant, quarter
      )`,
      // For the parts already stored: a mutation in the background; until it reaches a part,
      // a count reads that part's rows, with the same answer.
      `ALTER TABLE {db}.events MATERIALIZE PROJECTION quarter_rows`,
    ],
  },
];
