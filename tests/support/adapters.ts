import type { AdapterHealthReport } from '@mieruka/contracts';
import type { TestApp } from './test-app';

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
