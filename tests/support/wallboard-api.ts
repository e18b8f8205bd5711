import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  parseEnv,
  parseSettingsFile,
  type CreatedDisplayToken,
  type WallboardInput,
} from '@mieruka/contracts';
import { testDataDir, testDatabaseName } from '@mieruka/store/testing';
import { createApp } from '../../apps/api/src/app';
import { IngestKeys } from '../../apps/api/src/config/ingest-keys';
import { TenantDirectory } from '../../apps/api/src/config/tenant-directory';
import { scenarioConfig, scenarioEvents, type ScenarioName } from './scenarios';
import { ADMIN_PASSWORD, ADMIN_USER, TEST_KEY, login } from './test-app';

/**
 * The real API for the browser tests: in-process on 127.0.0.1 (serving dist/wallboard, built
 * by Jest's global setup), with a golden scenario ingested and the clock at one of its cases.
 * Unlike `startTestApp` it can `stop` and `restart` on the same port and database, as a
 * deployment does, so a test sees the wallboard recover without a reload.
 */
export interface WallboardApi {
  readonly url: string;
  readonly clock: { now: number };
  app(): NestExpressApplication;
  adminToken(): Promise<string>;
  admin(method: string, path: string, body?: unknown): Promise<Response>;
  post(ndjson: string): Promise<void>;
  displayToken(wallboard: string, tenant?: string): Promise<CreatedDisplayToken>;
  putWallboard(wallboard: WallboardInput): Promise<void>;
  stop(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startWallboardApi(options: {
  scenario: ScenarioName;
  at: string;
  /** More settings (an adapter, say). */
  env?: Record<string, string>;
  /** Tenants configured beside the scenario's own (settings as in MIERUKA_CONFIG). */
  moreTenants?: readonly unknown[];
}): Promise<WallboardApi> {
  const env = parseEnv({
    MIERUKA_DATA_DIR: testDataDir(),
    MIERUKA_CLICKHOUSE_DATABASE: testDatabaseName(),
    MIERUKA_SIMULATOR: 'off',
    MIERUKA_LOG_LEVEL: 'silent',
    MIERUKA_INGEST_KEYS: TEST_KEY,
    MIERUKA_ADMIN_USER: ADMIN_USER,
    MIERUKA_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ...options.env,
  });
  const clock = { now: Date.parse(options.at) };
  const config = scenarioConfig(options.scenario);
  const tenants = new TenantDirectory(
    parseSettingsFile(options.moreTenants ? { tenants: [config, ...options.moreTenants] } : config),
  );
  const open = async (port: number): Promise<NestExpressApplication> => {
    const nest = await createApp({
      env,
      clock: { now: () => clock.now },
      tenants,
      ingestKeys: new IngestKeys(env.MIERUKA_INGEST_KEYS),
    });
    await nest.listen(port, '127.0.0.1');
    return nest;
  };
  let nest: NestExpressApplication | undefined = await open(0);
  const port = (nest.getHttpServer().address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;

  let token: { value: string; expiresAt: number } | undefined;
  const adminToken = async (): Promise<string> => {
    if (!token || token.expiresAt <= clock.now + 1000) {
      const session = await login(url, ADMIN_USER, ADMIN_PASSWORD);
      token = { value: session.accessToken, expiresAt: Date.parse(session.expiresAt) };
    }
    return token.value;
  };
  const admin = async (method: string, path: string, body?: unknown): Promise<Response> =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await adminToken()}`,
        'content-type': 'application/json',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  /** NDJSON through the real ingest route, in requests under the per-request limit. */
  const post = async (ndjson: string): Promise<void> => {
    const lines = ndjson.trimEnd().split('\n');
    for (let i = 0; i < lines.length; i += 5000) {
      const response = await fetch(`${url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_KEY}` },
        body: lines.slice(i, i + 5000).join('\n'),
      });
      if (response.status !== 200) throw new Error(`ingest answered ${response.status}`);
    }
  };
  await post(scenarioEvents(options.scenario));

  return {
    url,
    clock,
    app: () => {
      if (!nest) throw new Error('the API is stopped');
      return nest;
    },
    adminToken,
    admin,
    post,
    async displayToken(wallboard, tenant = 'default') {
      const response = await admin('POST', '/api/v1/display-tokens', { tenant, wallboard });
      if (response.status !== 201) throw new Error(`display token: ${response.status}`);
      return (await response.json()) as CreatedDisplayToken;
    },
    async putWallboard(wallboard) {
      const response = await admin('PUT', `/api/v1/wallboards/${wallboard.id}`, wallboard);
      if (response.status !== 200) throw new Error(`PUT wallboard: ${await response.text()}`);
    },
    async stop() {
      await nest?.close();
      nest = undefined;
    },
    async restart() {
      await nest?.close();
      nest = await open(port);
      // A new instance signs sessions with a new secret (none is configured): sign in again.
      token = undefined;
    },
    async close() {
      await nest?.close();
      nest = undefined;
    },
  };
}
