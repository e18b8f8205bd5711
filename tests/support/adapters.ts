import type { AdapterHealthReport, DeadLetter } from '@mieruka/contracts';
import { ScriptedServer, type ScriptStep } from './scripted-server';
import { TEST_KEY, startTestApp, type TestApp } from './test-app';

/**
 * A phone system played by a scripted server (one script per connection, in order) and the API
 * connected to it, reconnecting after 20–200 ms: `settings` gives the adapter's setting for the
 * server's port. `close()` stops both.
 */
export async function apiOnScriptedPeer(
  connections: readonly (readonly ScriptStep[])[],
  at: string,
  settings: (port: number) => Record<string, string>,
): Promise<{ peer: ScriptedServer; app: TestApp; close(): Promise<void> }> {
  const peer = await ScriptedServer.start(connections);
  const app = await startTestApp({
    at,
    env: {
      ...settings(peer.port),
      MIERUKA_ADAPTER_RETRY_MIN_MS: '20',
      MIERUKA_ADAPTER_RETRY_MAX_MS: '200',
    },
  });
  return {
    peer,
    app,
    close: async () => {
      await app.close();
      await peer.close();
    },
  };
}

/** The default tenant's dead letters, read with its ingest key. */
export async function deadLetters(app: TestApp, limit = 10): Promise<DeadLetter[]> {
  const response = await fetch(`${app.url}/api/v1/dead-letters?limit=${limit}`, {
    headers: { authorization: `Bearer ${TEST_KEY}` },
  });
  if (response.status !== 200) throw new Error(`dead letters answered ${response.status}`);
  return (await response.json()) as DeadLetter[];
}

/** The adapter's report in `GET /api/v1/health`. */
export async function adapterHealth(app: TestApp, name: string): Promise<AdapterHealthReport> {
  const response = await fetch(`${app.url}/api/v1/health`);
  const body = (await response.json()) as { adapters: Record<string, AdapterHealthReport> };
  const report = body.adapters[name];
  if (!report) throw new Error(`health has no adapter ${name}: ${JSON.stringify(body)}`);
  return report;
}

/**
 * Waits until the adapter's health satisfies `done` (events flow in asynchronously from a
 * socket or a file), then returns it; fails with the last report if it never does.
 */
export async function adapterReaches(
  app: TestApp,
  name: string,
  done: (report: AdapterHealthReport) => boolean,
  timeoutMs = 20_000,
): Promise<AdapterHealthReport> {
  const deadline = performance.now() + timeoutMs;
  let last: AdapterHealthReport | undefined;
  while (performance.now() < deadline) {
    last = await adapterHealth(app, name).catch(() => undefined);
    if (last && done(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`adapter ${name} did not get there; last health: ${JSON.stringify(last)}`);
}

/** The live snapshot of the default tenant, as the admin sees it. */
export async function liveSnapshot(app: TestApp): Promise<LiveSnapshot> {
  const response = await app.get('/api/v1/live?tenant=default&scope=tenant');
  if (response.status !== 200) throw new Error(`live answered ${response.status}`);
  return (await response.json()) as LiveSnapshot;
}

export interface LiveSnapshot {
  windows: { today: Record<string, unknown> };
  live: { inQueue: number; longestWaitMs: number; agents: Record<string, number> };
}
