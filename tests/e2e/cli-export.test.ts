import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CallEvent, KpiSnapshot } from '@mieruka/contracts';
import { processClock } from '../support/clock';
import { simulatedEvents, toNdjson } from '../support/kafka-pipeline';
import { freePort, healthy, startApiProcess } from '../support/processes';

jest.setTimeout(180_000);

const run = promisify(execFile);
const bin = join(__dirname, '..', '..', 'bin', 'mieruka.js');
const work = mkdtempSync(join(tmpdir(), 'mieruka-cli-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const MIDNIGHT = '2026-11-24T00:00:00.000+09:00';
const NEXT_MIDNIGHT = '2026-11-25T00:00:00.000+09:00';
const LAST_MS = '2026-11-24T23:59:59.999+09:00';
const KEY = 'cli-export-key-0123456789';
const OSAKA_KEY = 'cli-export-osaka-0123456789';

/** The first `count` events of a simulated day of a tenant (the same ids in every tenant). */
const dayOf = (tenant: string, count: number): CallEvent[] =>
  simulatedEvents({
    tenant,
    seed: 7,
    from: Date.parse(MIDNIGHT),
    to: Date.parse(LAST_MS),
    count,
  });

async function mieruka(
  args: string[],
  env: Record<string, string>,
): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [bin, ...args], {
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
}

/**
 * `mieruka export` against the store the settings name, as an auditor runs it once the API is
 * stopped (the embedded store is one process's at a time): the stored events, each once, in
 * the order they arrived, that `mieruka kpi` reads back to the same count.
 */
describe('npx mieruka export', () => {
  const dataDir = join(work, 'data');
  const env = { MIERUKA_DATA_DIR: dataDir };
  let day: CallEvent[];

  beforeAll(async () => {
    day = dayOf('default', 3000);
    const port = await freePort();
    const api = startApiProcess({
      ...processClock(LAST_MS).env,
      MIERUKA_PORT: String(port),
      MIERUKA_HOST: '127.0.0.1',
      MIERUKA_DATA_DIR: dataDir,
      MIERUKA_SIMULATOR: 'off',
      MIERUKA_LOG_LEVEL: 'warn',
      MIERUKA_INGEST_KEYS: `${KEY},osaka:${OSAKA_KEY}`,
    });
    try {
      const base = `http://127.0.0.1:${port}`;
      await healthy(base, api);
      for (const [key, events] of [
        [KEY, day],
        [OSAKA_KEY, dayOf('osaka', 1000)],
      ] as const) {
        const response = await fetch(`${base}/api/v1/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}` },
          body: toNdjson(events),
        });
        expect(response.status).toBe(200);
      }
    } catch (error) {
      throw new Error(`${String(error)}\n--- API output ---\n${api.output()}`);
    } finally {
      await api.stop();
    }
  });

  it('writes the day to a file with progress on stderr, and mieruka kpi reads it back', async () => {
    const out = join(work, 'day.ndjson');
    const { stdout, stderr } = await mieruka(
      ['export', '--from', MIDNIGHT, '--to', NEXT_MIDNIGHT, '--out', out],
      env,
    );
    expect(stdout).toBe('');
    expect(stderr).toContain(`exported ${day.length} of ${day.length} events`);
    expect(stderr).toContain(
      `exported ${day.length} events of default, tenant, ${MIDNIGHT} to ${NEXT_MIDNIGHT} to ${out}`,
    );
    const text = readFileSync(out, 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as CallEvent).id)).toEqual(day.map((e) => e.id));
    expect(lines.every((l) => (JSON.parse(l) as CallEvent).tenant === 'default')).toBe(true);

    // Standard output is the same file.
    const printed = await mieruka(['export', '--from', MIDNIGHT, '--to', NEXT_MIDNIGHT], env);
    expect(printed.stdout).toBe(text);

    const { stdout: audit } = await mieruka(
      ['kpi', '--events', out, '--at', LAST_MS, '--engine', 'live'],
      {},
    );
    expect((JSON.parse(audit) as KpiSnapshot).ingest).toEqual({
      accepted: day.length,
      duplicates: 0,
      rejected: 0,
    });
  });

  it('exports another tenant and a scope on their own', async () => {
    const osaka = await mieruka(
      ['export', '--from', MIDNIGHT, '--to', NEXT_MIDNIGHT, '--tenant', 'osaka'],
      env,
    );
    const osakaEvents = osaka.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as CallEvent);
    expect(osakaEvents).toHaveLength(1000);
    expect(osakaEvents.every((e) => e.tenant === 'osaka')).toBe(true);

    const agent = day.flatMap((e) => (e.type === 'agent.state' ? [e.agentId] : []))[0]!;
    const scoped = await mieruka(
      ['export', '--from', MIDNIGHT, '--to', NEXT_MIDNIGHT, '--scope', `agent:${agent}`],
      env,
    );
    const ids = scoped.stdout
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as CallEvent).id);
    const own = day.filter((e) => 'agentId' in e && e.agentId === agent).map((e) => e.id);
    // Its own events, and maybe order events counted where their order was taken.
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => own.includes(id))).toEqual(own);
  });

  it('explains a bad range', async () => {
    await expect(
      mieruka(['export', '--from', MIDNIGHT, '--to', '2026-12-31T00:00:00+09:00'], env),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('--to: must be at most 31 days after from'),
    });
    await expect(
      mieruka(['export', '--from', 'yesterday', '--to', MIDNIGHT], env),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('--from: not an RFC 3339 timestamp'),
    });
  });
});
