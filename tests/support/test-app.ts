import type { NestExpressApplication } from '@nestjs/platform-express';
import { parseEnv, type SessionAnswer } from '@mieruka/contracts';
import { testDataDir, testDatabaseName, testServer } from '@mieruka/store/testing';
import { createApp } from '../../apps/api/src/app';
import { IngestKeys } from '../../apps/api/src/config/ingest-keys';
import { TenantDirectory } from '../../apps/api/src/config/tenant-directory';
import type { Clock } from '../../apps/api/src/config/tokens';

export interface TestApp {
  readonly url: string;
  readonly app: NestExpressApplication;
  readonly clock: { now: number };
  /** An admin session's access token (of every tenant), renewed when the test clock passes it. */
  adminToken(): Promise<string>;
  /** `GET path` as the admin. */
  get(path: string): Promise<Response>;
  close(): Promise<void>;
}

export const ADMIN_USER = 'admin';
export const ADMIN_PASSWORD = 'test-admin-password';

/**
 * The real API on 127.0.0.1 with a random port, its own database in this process's chDB
 * folder (or on the tests' ClickHouse server, `testServer`), the simulator off and a clock the
 * test sets.
 */
export async function startTestApp(options: {
  at: string | number;
  env?: Record<string, string>;
  tenants?: TenantDirectory;
}): Promise<TestApp> {
  const env = parseEnv({
    MIERUKA_DATA_DIR: testDataDir(),
    MIERUKA_CLICKHOUSE_DATABASE: testDatabaseName(),
    MIERUKA_SIMULATOR: 'off',
    MIERUKA_LOG_LEVEL: 'silent',
    MIERUKA_INGEST_KEYS: 'test-key-0123456789abcdef,osaka:osaka-key-0123456789abcdef',
    MIERUKA_ADMIN_USER: ADMIN_USER,
    MIERUKA_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ...serverEnv(),
    ...options.env,
  });
  const clock = { now: typeof options.at === 'number' ? options.at : Date.parse(options.at) };
  const testClock: Clock = { now: () => clock.now };
  const app = await createApp({
    env,
    clock: testClock,
    tenants: options.tenants ?? new TenantDirectory([]),
    ingestKeys: new IngestKeys(env.MIERUKA_INGEST_KEYS),
  });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  let session: SessionAnswer | undefined;
  const adminToken = async (): Promise<string> => {
    if (!session || Date.parse(session.expiresAt) <= clock.now + 1000) {
      session = await login(url, ADMIN_USER, ADMIN_PASSWORD);
    }
    return session.accessToken;
  };
  return {
    url,
    app,
    clock,
    adminToken,
    async get(path: string): Promise<Response> {
      return fetch(`${url}${path}`, { headers: { authorization: `Bearer ${await adminToken()}` } });
    },
    async close() {
      await app.close();
    },
  };
}

/** The API's settings for the tests' ClickHouse server, when one is set (`testServer`). */
function serverEnv(): Record<string, string> {
  const { url, user, password } = testServer();
  if (!url) return {};
  return {
    MIERUKA_CLICKHOUSE_URL: url,
    MIERUKA_CLICKHOUSE_USER: user ?? 'default',
    MIERUKA_CLICKHOUSE_PASSWORD: password ?? '',
  };
}

/** Signs in through the API; fails unless it answers 200. */
export async function login(
  url: string,
  username: string,
  password: string,
): Promise<SessionAnswer> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) {
    throw new Error(`login answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as SessionAnswer;
}

/**
 * Adds users through the API as the admin of every tenant, then signs each in: their access
 * tokens by user name. Fails unless every user is created (201) and signs in.
 */
export async function addUsers<U extends string>(
  app: TestApp,
  password: string,
  users: readonly (readonly [username: U, tenant: string, role: string])[],
): Promise<Record<U, string>> {
  const tokens = {} as Record<U, string>;
  for (const [username, tenant, role] of users) {
    const made = await fetch(`${app.url}/api/v1/users`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await app.adminToken()}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ username, password, tenant, role }),
    });
    if (made.status !== 201) {
      throw new Error(`adding ${username} answered ${made.status}: ${await made.text()}`);
    }
    tokens[username] = (await login(app.url, username, password)).accessToken;
  }
  return tokens;
}

export const TEST_KEY = 'test-key-0123456789abcdef';
export const OSAKA_KEY = 'osaka-key-0123456789abcdef';

/**
 * Posts NDJSON to the app's ingest endpoint in order, in requests of at most `perRequest`
 * lines (under the events-per-request limit), and fails on any answer but 200.
 */
export async function postEvents(app: TestApp, ndjson: string, perRequest = 5000): Promise<void> {
  const lines = ndjson.trimEnd().split('\n');
  for (let i = 0; i < lines.length; i += perRequest) {
    const response = await fetch(`${app.url}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_KEY}` },
      body: lines.slice(i, i + perRequest).join('\n'),
    });
    if (response.status !== 200) {
      throw new Error(`ingest answered ${response.status}: ${await response.text()}`);
    }
  }
}
