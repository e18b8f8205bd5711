import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { validateEvent, type IngestResponse } from '@mieruka/contracts';
import { processClock } from '../support/clock';
import { TEST_KEY, startTestApp } from '../support/test-app';

const run = promisify(execFile);
const bin = join(__dirname, '..', '..', 'bin', 'mieruka.js');
// An hour of a Friday, and the CLI's clock a minute after it: with --post the CLI paces
// itself by its clock and never posts an event ahead of it.
const FROM = '2026-11-20T09:00:00+09:00';
const TO = '2026-11-20T10:00:00+09:00';
const CLOCK = processClock(Date.parse(TO) + 60_000);

async function simulate(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [bin, 'simulate', ...args], {
    env: { ...process.env, ...CLOCK.env },
    maxBuffer: 64 * 1024 * 1024,
  });
}

describe('npx mieruka simulate', () => {
  it('prints an hour of valid, deterministic NDJSON', async () => {
    const { stdout } = await simulate('--from', FROM, '--to', TO, '--seed', '3');
    const lines = stdout.trim().split('\n');
    expect(lines.length).toBeGreaterThan(200);
    const context = { receivedAt: Date.parse(TO), currencyOf: () => 'JPY' };
    const invalid = lines.map((l) => validateEvent(JSON.parse(l), context)).filter((v) => !v.ok);
    expect(invalid).toEqual([]);
    const times = lines.map((l) =>
      Date.parse((JSON.parse(l) as { occurredAt: string }).occurredAt),
    );
    expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse(FROM));
    expect(Math.max(...times)).toBeLessThanOrEqual(Date.parse(TO));
    expect((await simulate('--from', FROM, '--to', TO, '--seed', '3')).stdout).toBe(stdout);
  });

  it('explains a bad argument', async () => {
    await expect(simulate('--from', 'yesterday')).rejects.toMatchObject({
      stderr: expect.stringContaining("argument 'yesterday' is invalid. expected an RFC 3339 time"),
    });
  });

  it('posts to a running API, which stores each event once', async () => {
    const app = await startTestApp({ at: Date.parse(TO) + 60_000 });
    try {
      const { stdout } = await simulate('--from', FROM, '--to', TO, '--seed', '3');
      const expected = stdout.trim().split('\n').length;
      const post = () =>
        simulate(
          '--from',
          FROM,
          '--to',
          TO,
          '--seed',
          '3',
          '--post',
          app.url,
          '--key',
          TEST_KEY,
          '--batch',
          '500',
        );
      const first = await post();
      expect(first.stderr).toContain(`accepted ${expected}  duplicates 0  rejected 0`);
      const second = await post();
      expect(second.stderr).toContain(`accepted 0  duplicates ${expected}  rejected 0`);
      const check = await fetch(`${app.url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_KEY}` },
        body: stdout.split('\n')[0],
      });
      expect(((await check.json()) as IngestResponse).duplicates).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('refuses --post without a key', async () => {
    await expect(simulate('--post', 'http://127.0.0.1:9')).rejects.toMatchObject({
      stderr: expect.stringContaining('--post needs --key'),
    });
  });
});
