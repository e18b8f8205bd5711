import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreStats } from '@mieruka/contracts';

/**
 * The README's promise, checked as a newcomer would: `npm start` (here `node scripts/start.js`,
 * what the script runs) builds what is missing, starts on the embedded store with the
 * simulator feeding it, answers health, serves the wallboard, and the stored counts grow.
 */
jest.setTimeout(240_000);

const root = join(__dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * A fixed-offset zone where it is now about noon: the simulator follows the tenant's local
 * clock, and in Tokyo's small hours a whole minute can pass without a single event.
 */
function middayZone(now = new Date()): string {
  const offset = ((12 - now.getUTCHours() + 36) % 24) - 12; // −12 … +11 hours
  if (offset === 0) return 'Etc/GMT';
  // IANA's Etc/GMT zones count the other way round: Etc/GMT-9 is UTC+9.
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} did not happen within ${timeoutMs} ms (${String(last)})`);
}

describe('npm start', () => {
  let child: ChildProcess;
  let output = '';
  let base: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'mieruka-start-'));

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const config = join(dataDir, 'tenants.json');
    writeFileSync(config, JSON.stringify({ tenant: { id: 'default', timezone: middayZone() } }));
    child = spawn(process.execPath, ['scripts/start.js'], {
      cwd: root,
      env: {
        ...process.env,
        MIERUKA_PORT: String(port),
        MIERUKA_HOST: '127.0.0.1',
        MIERUKA_DATA_DIR: dataDir,
        MIERUKA_LOG_LEVEL: 'warn',
        MIERUKA_CONFIG: config,
        // Busy enough that events arrive every few seconds even in the simulated night.
        MIERUKA_SIMULATOR_RATE: '20',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  });

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers health, serves the wallboard, and the simulator fills the store', async () => {
    const health = await until(
      'health',
      async () => {
        const response = await fetch(`${base}/api/v1/health`);
        return response.ok
          ? ((await response.json()) as { status: string; store: string })
          : undefined;
      },
      180_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- output ---\n${output}`);
    });
    expect(health).toMatchObject({ status: 'ok', store: 'chdb' });
    expect(output).toMatch(/Ingest key for this run .*: \S{20,}/);

    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app">');

    const stats = async () => (await (await fetch(`${base}/api/v1/stats`)).json()) as StoreStats;
    const first = await until(
      'first simulated events',
      async () => {
        const s = await stats();
        return s.total > 0 ? s : undefined;
      },
      30_000,
    );
    // The floor is busy around the clock only in part; rate 1 still stores events each minute,
    // so wait for growth with a bound long enough for the quietest simulated hour.
    const later = await until(
      'more events',
      async () => {
        const s = await stats();
        return s.total > first.total ? s : undefined;
      },
      60_000,
    );
    expect(later.total).toBeGreaterThan(first.total);
  });
});

describe('npm start with bad settings', () => {
  it('stops with every problem listed and exit code 1', async () => {
    const child = spawn(process.execPath, ['scripts/start.js'], {
      cwd: root,
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
