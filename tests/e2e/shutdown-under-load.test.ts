import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { LIVE_NAMESPACE, type CallEvent, type IngestResponse } from '@mieruka/contracts';
import { processClock } from '../support/clock';
import { simulatedEvents } from '../support/kafka-pipeline';
import { freePort, healthy, startApiProcess, type ApiProcess } from '../support/processes';
import { login } from '../support/test-app';

/**
 * SIGTERM while four senders post as fast as the API takes them and a screen is connected:
 * intake stops at once (503 with Connection: close, even on open keep-alive connections), the
 * process stops by itself within its bound with exit code 0, closes the screen's socket, and
 * every event it acknowledged is stored — a restart on the same data answers each of them as
 * a duplicate. Requests turned away were never acknowledged; their senders retry them.
 */
jest.setTimeout(240_000);

const KEY = 'shutdown-test-key-0123456789';
const SENDERS = 4;
const BATCH = 250;
const SHUTDOWN_BOUND_MS = 15_000;
/** The API's clock: late on a Tuesday in Tokyo, so the day's traffic below is all today's. */
const CLOCK = processClock('2026-11-24T23:00:00+09:00');
const TUESDAY = {
  from: Date.parse('2026-11-24T00:00:00+09:00'),
  to: Date.parse('2026-11-24T23:00:00+09:00'),
};

describe('SIGTERM under heavy ingest', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mieruka-shutdown-'));
  let api: ApiProcess | undefined;

  afterAll(async () => {
    await api?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(port: number): Promise<{ api: ApiProcess; base: string }> {
    const started = startApiProcess({
      ...CLOCK.env,
      MIERUKA_PORT: String(port),
      MIERUKA_HOST: '127.0.0.1',
      MIERUKA_DATA_DIR: dataDir,
      MIERUKA_LOG_LEVEL: 'warn',
      MIERUKA_SIMULATOR: 'off',
      MIERUKA_INGEST_KEYS: KEY,
      MIERUKA_ADMIN_USER: 'admin',
      MIERUKA_ADMIN_PASSWORD: 'shutdown-test-password',
      // The senders here are one client: no rate limit may stand in for the stop.
      MIERUKA_RATE_LIMIT_INGEST: '0',
    });
    const base = `http://127.0.0.1:${port}`;
    await healthy(base, started, 180_000);
    return { api: started, base };
  }

  const post = (base: string, events: readonly CallEvent[]) =>
    fetch(`${base}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/x-ndjson' },
      body: events.map((e) => JSON.stringify(e)).join('\n'),
    });

  it('stops within its bound, closes sockets and keeps every acknowledged event', async () => {
    const port = await freePort();
    const first = await start(port);
    api = first.api;
    const events = simulatedEvents({
      tenant: 'default',
      seed: 7,
      ...TUESDAY,
      count: 40_000,
      rate: 5,
    });

    const { accessToken } = await login(first.base, 'admin', 'shutdown-test-password');
    const screen = io(`${first.base}${LIVE_NAMESPACE}`, {
      transports: ['websocket'],
      reconnection: false,
      auth: { token: accessToken },
    });
    await new Promise<void>((resolve, reject) => {
      screen.once('connect', resolve);
      screen.once('connect_error', reject);
    });
    const screenClosed = new Promise<string>((resolve) => screen.once('disconnect', resolve));

    // Each sender takes every SENDERS-th batch and stops at its first unanswered request.
    const acknowledged: CallEvent[] = [];
    /** Why each sender stopped: the gate's 503, or no connection once the process is gone. */
    const reasons: string[] = [];
    let stopping = false;
    const sender = async (offset: number) => {
      for (let i = offset * BATCH; i < events.length; i += SENDERS * BATCH) {
        const batch = events.slice(i, i + BATCH);
        try {
          const response = await post(first.base, batch);
          if (response.status !== 200) throw new Error(`answered ${response.status}`);
          const answer = (await response.json()) as IngestResponse;
          if (answer.accepted !== batch.length)
            throw new Error(JSON.stringify(answer).slice(0, 200));
          acknowledged.push(...batch);
        } catch (error) {
          if (!stopping) throw error;
          reasons.push((error as Error).message);
          return;
        }
      }
    };
    const senders = Array.from({ length: SENDERS }, (_, i) => sender(i));

    // Let the load build, then stop the API in the middle of it.
    while (acknowledged.length < 5_000) await new Promise((r) => setTimeout(r, 50));
    stopping = true;
    const stopAsked = performance.now();
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      first.api.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    first.api.child.kill('SIGTERM');
    const exit = await exited;
    const stopMs = performance.now() - stopAsked;
    await Promise.all(senders);

    // 0 is the clean path; the deadline's forced exit would be 1, a crash a signal.
    expect(exit).toEqual({ code: 0, signal: null });
    expect(first.api.output()).not.toContain('still stopping');
    expect(stopMs).toBeLessThan(SHUTDOWN_BOUND_MS);
    expect(await screenClosed).toMatch(/transport close|io server disconnect/);
    screen.close();
    expect(acknowledged.length).toBeLessThan(events.length); // the stop did cut the load
    // Every sender was turned away — intake stopped — most of them by the gate's 503.
    expect(reasons).toHaveLength(SENDERS);
    expect(reasons.every((r) => /answered 503|fetch failed/.test(r))).toBe(true);
    expect(reasons.some((r) => r.includes('answered 503'))).toBe(true);

    // On the same data: every acknowledged event is already there.
    const second = await start(port);
    api = second.api;
    let duplicates = 0;
    for (let i = 0; i < acknowledged.length; i += 5_000) {
      const response = await post(second.base, acknowledged.slice(i, i + 5_000));
      const answer = (await response.json()) as IngestResponse;
      duplicates += answer.duplicates;
    }
    expect(duplicates).toBe(acknowledged.length);
  });
});
