import { PinoLogger } from 'nestjs-pino';
import { parseSettingsFile, splitEventBatch } from '@mieruka/contracts';
import { EventStore, Ingestor, createStoreClient } from '@mieruka/store';
import { testDataDir, testDatabaseName, testServer } from '@mieruka/store/testing';
import { TenantDirectory } from '../../apps/api/src/config/tenant-directory';
import { differences } from '../support/golden';
import { scenarioConfig, scenarioEvents, scenarioExpected } from '../support/scenarios';
import { postEvents, startTestApp, type TestApp } from '../support/test-app';

/** A day of Tokyo traffic (13k events); its golden numbers at 15:00 hold every event. */
const SCENARIO = '002-day-tokyo';
const AT = Date.parse('2026-11-24T15:00:00.000+09:00');
const SCOPES = ['tenant', 'team:blue', 'queue:support', 'agent:in-003'];
const tenants = () => new TenantDirectory(parseSettingsFile(scenarioConfig(SCENARIO)));

async function views(app: TestApp): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const scope of SCOPES) {
    const q = `tenant=default&scope=${encodeURIComponent(scope)}`;
    for (const path of [`/api/v1/live?${q}`, `/api/v1/live/floor?${q}`]) {
      const response = await app.get(path);
      expect(response.status).toBe(200);
      out.push(await response.json());
    }
  }
  return out;
}

/** The messages the live projections logged since the spy was set, with their fields. */
function liveLines(spy: jest.SpyInstance): { msg: string; fields: Record<string, unknown> }[] {
  return spy.mock.calls
    .filter(([, msg]) => typeof msg === 'string')
    .map(([fields, msg]) => ({ msg: msg as string, fields: fields as Record<string, unknown> }));
}

describe('a restart from the checkpoint written at shutdown', () => {
  const database = testDatabaseName();
  const env = { MIERUKA_CLICKHOUSE_DATABASE: database, MIERUKA_CHECKPOINT_SECONDS: '300' };
  const lines = scenarioEvents(SCENARIO).trimEnd().split('\n');
  const cut = Math.floor(lines.length * 0.8);
  let info: jest.SpyInstance;
  let warn: jest.SpyInstance;

  beforeEach(() => {
    info = jest.spyOn(PinoLogger.prototype, 'info');
    warn = jest.spyOn(PinoLogger.prototype, 'warn');
  });
  afterEach(() => jest.restoreAllMocks());

  it('starts from it, folds what was stored while it was down, and shows a full refold’s numbers', async () => {
    const first = await startTestApp({ at: AT - 60_000, tenants: tenants(), env });
    await postEvents(first, lines.slice(0, cut).join('\n'));
    await first.close();
    expect(liveLines(info).map((l) => l.msg)).toContain('checkpoints written at shutdown');

    // Stored while no API runs (another instance, say): only in the store, after the checkpoint.
    const client = createStoreClient({ ...testServer(), database, dataDir: testDataDir() });
    try {
      const ingestor = new Ingestor({
        store: new EventStore(client),
        clock: () => AT - 30_000,
        currencyOf: () => 'JPY',
      });
      await ingestor.ingest(splitEventBatch(lines.slice(cut).join('\n')), { transport: 'test' });
    } finally {
      await client.close();
    }

    info.mockClear();
    const restarted = await startTestApp({ at: AT, tenants: tenants(), env });
    const fromCheckpoint = await views(restarted);
    await restarted.close();
    const started = liveLines(info).find(
      (l) => l.msg === 'live projection started from a checkpoint',
    );
    expect(started?.fields).toMatchObject({
      tenant: 'default',
      takenAt: new Date(AT - 60_000).toISOString(),
    });
    expect(started?.fields.events).toBeGreaterThan(0);
    expect(liveLines(info).map((l) => l.msg)).not.toContain(
      'live projection rebuilt from the store',
    );

    // The same store refolded from the events, with checkpoints off.
    const refolded = await startTestApp({
      at: AT,
      tenants: tenants(),
      env: { ...env, MIERUKA_CHECKPOINT_SECONDS: '0' },
    });
    try {
      expect(fromCheckpoint).toEqual(await views(refolded));
      const { ingest: _ingest, ...expected } = scenarioExpected(SCENARIO, 'on-boundary');
      expect(differences(expected, fromCheckpoint[0])).toEqual([]);
    } finally {
      await refolded.close();
    }
  });

  it('ignores a checkpoint taken with other settings, says why, and refolds', async () => {
    const config = scenarioConfig(SCENARIO) as { serviceLevel: Record<string, unknown> };
    const changed = { ...config, serviceLevel: { ...config.serviceLevel, thresholdMs: 5_000 } };
    const app = await startTestApp({
      at: AT,
      tenants: new TenantDirectory(parseSettingsFile(changed)),
      env,
    });
    await app.close();
    expect(liveLines(warn)).toContainEqual({
      msg: 'checkpoint not used, rebuilding from the store',
      fields: { tenant: 'default', reason: 'the newest was taken with other settings' },
    });
    expect(liveLines(info).map((l) => l.msg)).toContain('live projection rebuilt from the store');
  });
});
