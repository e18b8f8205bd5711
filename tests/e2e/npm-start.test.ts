import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreStats } from '@mieruka/contracts';
import { processClock } from '../support/clock';
import {
  freePort,
  healthy,
  repoRoot,
  startApiProcess,
  until,
  type ApiProcess,
} from '../support/processes';

/**
 * The README's promise, checked as a newcomer would: `npm start` (here `node scripts/start.js`,
 * what the script runs) builds what is missing, starts on the embedded store with the
 * simulator feeding it, answers health, serves the wallboard, and the stored counts grow.
 */
jest.setTimeout(240_000);

/**
 * The process's clock: a Tuesday morning in Tokyo (the default tenant's zone), when the
 * simulated floor is busy. At night a whole minute can pass without a single event.
 */
const CLOCK = processClock('2026-11-24T11:00:00+09:00');

describe('npm start', () => {
  let api: ApiProcess;
  let base: string;
  const MISSPELT_SECRET = 'a-session-secret-under-a-misspelt-name-0123456789';
  const dataDir = mkdtempSync(join(tmpdir(), 'mieruka-start-'));

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    api = startApiProcess({
      ...CLOCK.env,
      MIERUKA_PORT: String(port),
      MIERUKA_HOST: '127.0.0.1',
      MIERUKA_DATA_DIR: dataDir,
      MIERUKA_LOG_LEVEL: 'warn',
      // Twenty floors' traffic: events arrive every second or so.
      MIERUKA_SIMULATOR_RATE: '20',
      // Today only: twenty floors' month to date would keep both cores busy for minutes.
      MIERUKA_SIMULATOR_BACKFILL_DAYS: '1',
      // A misspelt setting: warned about by name at start, its value never written.
      MIERUKA_SESION_SECRET: MISSPELT_SECRET,
    });
  });

  afterAll(async () => {
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers health, serves the wallboard, and the simulator fills the store', async () => {
    expect(await healthy(base, api, 180_000)).toMatchObject({ status: 'ok', store: 'chdb' });
    expect(api.output()).toMatch(/Ingest key for this run .*: \S{20,}/);
    expect(api.output()).toContain(
      'MIERUKA_SESION_SECRET is not a Mieruka setting and is ignored — did you mean MIERUKA_SESSION_SECRET?',
    );
    expect(api.output()).not.toContain(MISSPELT_SECRET);
    const display = await until(
      'the wallboard link',
      () => Promise.resolve(/\/#display=(mdt_\S+)/.exec(api.output())?.[1]),
      10_000,
    );

    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');

    const stats = async () => {
      const response = await fetch(`${base}/api/v1/stats`, {
        headers: { authorization: `Bearer ${display}` },
      });
      expect(response.status).toBe(200);
      return (await response.json()) as StoreStats;
    };
    const first = await until(
      'first simulated events',
      async () => {
        const s = await stats();
        return s.total > 0 ? s : undefined;
      },
      30_000,
    );
    // Then it follows the clock: the count grows as the simulated morning goes on.
    const later = await until(
      'more events',
      async () => {
        const s = await stats();
        return s.total > first.total ? s : undefined;
      },
      60_000,
    );
    expect(later.total).toBeGreaterThan(first.total);

    // No settings file: the demo's KGIs are the default tenant's, and they have progress.
    const live = await fetch(`${base}/api/v1/live?tenant=default`, {
      headers: { authorization: `Bearer ${display}` },
    });
    expect(live.status).toBe(200);
    const { kgis } = (await live.json()) as { kgis: { id: string; actual: number }[] };
    expect(kgis.map((k) => k.id)).toContain('revenue-month');
    expect(kgis.some((k) => k.actual > 0)).toBe(true);
  });
});

describe('npm start with bad settings', () => {
  it('stops with every problem listed and exit code 1', async () => {
    const child = spawn(process.execPath, ['scripts/start.js'], {
      cwd: repoRoot,
      env: { ...process.env, MIERUKA_PORT: 'eighty', MIERUKA_SIMULATOR: 'maybe' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid settings:');
    expect(stderr).toContain('MIERUKA_PORT:');
    expect(stderr).toContain('MIERUKA_SIMULATOR: must be on or off');
  });
});
