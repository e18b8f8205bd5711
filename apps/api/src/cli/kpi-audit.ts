import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  intakeEvents,
  splitEventBatch,
  type BatchItem,
  type KpiSnapshot,
  type Scope,
} from '@mieruka/contracts';
import { createProjection, evolve, snapshot } from '@mieruka/kpi';
import {
  EventStore,
  Ingestor,
  computeSqlSnapshot,
  createStoreClient,
  migrate,
} from '@mieruka/store';
import type { TenantDirectory } from '../config/tenant-directory';

export type KpiEngine = 'live' | 'sql';

export interface KpiAuditInput {
  /** The file's text: NDJSON or a JSON array of canonical events. */
  readonly text: string;
  readonly at: number;
  readonly tenant: string;
  readonly scope: Scope;
  readonly engine: KpiEngine;
  readonly tenants: TenantDirectory;
}

/**
 * What `mieruka kpi` prints: the events taken in with the receiving clock at `at`, then the
 * snapshot from the chosen engine. `live` takes them in memory and folds them (the live
 * projection); `sql` sends them through the real ingest path into a throw-away embedded
 * ClickHouse and computes every value with SQL (the history path).
 */
export async function auditKpis(input: KpiAuditInput): Promise<KpiSnapshot> {
  const items = splitEventBatch(input.text);
  return input.engine === 'live' ? liveAudit(items, input) : sqlAudit(items, input);
}

function liveAudit(items: readonly BatchItem[], input: KpiAuditInput): KpiSnapshot {
  const intake = intakeEvents(items, {
    receivedAt: input.at,
    currencyOf: input.tenants.currencyOf,
  });
  const projection = createProjection(input.tenants.get(input.tenant));
  for (const event of intake.events) evolve(projection, event);
  const { accepted, duplicates, rejected } = intake;
  return {
    ...snapshot(projection, input.at, input.scope),
    ingest: { accepted, duplicates, rejected },
  };
}

async function sqlAudit(items: readonly BatchItem[], input: KpiAuditInput): Promise<KpiSnapshot> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mieruka-kpi-'));
  const store = createStoreClient({ database: 'mieruka', dataDir });
  try {
    await migrate(store);
    const ingestor = new Ingestor({
      store: new EventStore(store),
      clock: () => input.at,
      currencyOf: input.tenants.currencyOf,
    });
    const { accepted, duplicates, rejected } = await ingestor.ingest(items, { transport: 'cli' });
    const settings = input.tenants.get(input.tenant);
    const computed = await computeSqlSnapshot(store, {
      settings,
      at: input.at,
      scope: input.scope,
    });
    return { ...computed, ingest: { accepted, duplicates, rejected } };
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
