import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallEvent } from '@mieruka/contracts';
import { ChdbInserts, FILE_INSERT_MIN_BYTES, insertFromFileSql, sqlString } from './chdb-inserts';
import { createStoreClient, type StoreClient } from './client';
import { EVENT_COLUMNS, encodeEventRows } from './event-row';
import { EventStore } from './event-store';
import { migrate } from './migrate';
import { testDataDir, testDatabaseName } from './testing';

// Always chDB (not MIERUKA_TEST_CLICKHOUSE_URL): these are the embedded store's inserts.
const dataDir = testDataDir();
const chdbPath = join(dataDir, 'chdb');
const spoolOfThisProcess = join(dataDir, 'chdb-inserts', String(process.pid));
const receivedAt = Date.parse('2026-11-24T01:10:00Z');

/** Free text of every kind TabSeparated escapes, in the columns that keep free text. */
const awkward = ['tab\there', 'line\nbreak', 'cr\rhere', 'back\\slash', '\\N', '"q" 折り返し 🎧'];

/** More than FILE_INSERT_MIN_BYTES of rows: the file path. */
function manyEvents(tenant: string, count = 4000): CallEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${tenant}-${i}`,
    type: 'agent.state',
    occurredAt: new Date(receivedAt - (count - i) * 1000).toISOString(),
    tenant,
    source: 'test',
    agentId: `a-${i % 40}`,
    team: `チーム ${i % 3}`,
    state: 'break',
    reason: `${awkward[i % awkward.length]} #${i}`,
    attrs: { note: 'x'.repeat(200) },
  }));
}

describe('chDB inserts', () => {
  let store: StoreClient;
  let events: EventStore;
  let writeFile: jest.SpiedFunction<typeof fsPromises.writeFile>;

  beforeAll(async () => {
    store = createStoreClient({ database: testDatabaseName(), dataDir });
    await migrate(store);
    events = new EventStore(store);
  });
  beforeEach(() => {
    writeFile = jest.spyOn(fsPromises, 'writeFile');
  });
  afterEach(() => writeFile.mockRestore());
  afterAll(async () => {
    await store.client.command({ query: `DROP DATABASE IF EXISTS ${store.database}` });
    await store.close();
  });

  const rowsOf = async (tenant: string) => {
    const result = await store.client.query({
      query: `SELECT * EXCEPT (tenant, id, ingest_seq, payload), JSONExtractString(payload, 'reason') AS kept
              FROM ${store.database}.events WHERE tenant = {tenant:String} ORDER BY occurred_at`,
      query_params: { tenant },
      format: 'JSONEachRow',
    });
    return result.json<Record<string, unknown>>();
  };

  it('writes a large insert to a file first, and stores every row as an inline insert does', async () => {
    const viaFile = manyEvents('via-file');
    await events.insertEvents(viaFile, { receivedAt, ingestSource: 'test\\src' });
    // The same events in inserts under the size: inline.
    const inline = manyEvents('inline');
    for (let i = 0; i < inline.length; i += 500) {
      await events.insertEvents(inline.slice(i, i + 500), {
        receivedAt,
        ingestSource: 'test\\src',
      });
    }

    expect(writeFile).toHaveBeenCalledTimes(1);
    const [file, data] = writeFile.mock.calls[0]!;
    expect(file).toEqual(expect.stringMatching(new RegExp(`^${spoolOfThisProcess}/`)));
    expect((data as Buffer).length).toBeGreaterThanOrEqual(FILE_INSERT_MIN_BYTES);
    // Removed once stored.
    expect(readdirSync(spoolOfThisProcess)).toEqual([]);

    const back: CallEvent[] = [];
    for await (const e of events.readEvents({ tenant: 'via-file' })) back.push(e);
    expect(back).toEqual(viaFile);
    const [fileRows, inlineRows] = [await rowsOf('via-file'), await rowsOf('inline')];
    expect(fileRows).toHaveLength(viaFile.length);
    expect(fileRows).toEqual(inlineRows);
    expect(fileRows.slice(0, awkward.length).map((row) => row['reason'])).toEqual(
      awkward.map((text, i) => `${text} #${i}`),
    );
  });

  it('drops a retried large insert by its deduplication token', async () => {
    const batch = manyEvents('token');
    await events.insertEvents(batch, { receivedAt, ingestSource: 'kafka' }, 'topic:0:0-3999');
    await events.insertEvents(batch, { receivedAt, ingestSource: 'kafka' }, 'topic:0:0-3999');
    expect(writeFile).toHaveBeenCalledTimes(2);
    const result = await store.client.query({
      query: `SELECT count() AS n FROM ${store.database}.events WHERE tenant = 'token'`,
      format: 'JSONEachRow',
    });
    expect(await result.json()).toEqual([{ n: batch.length }]);
  });

  it('checks many ids against the store in one query, from a file', async () => {
    const stored = manyEvents('ids', 10);
    await events.insertEvents(stored, { receivedAt, ingestSource: 'test' });
    const asked = [...stored.map((e) => e.id), ...manyEvents('unknown', 3000).map((e) => e.id)];
    const query = jest.spyOn(store.client, 'query');
    try {
      expect(await events.storedKeys(asked)).toEqual(
        new Set(stored.map((e) => `${e.tenant}/${e.id}`)),
      );
      expect(query).toHaveBeenCalledTimes(1);
    } finally {
      query.mockRestore();
    }
    expect(writeFile).toHaveBeenCalledTimes(1);
    expect(writeFile.mock.calls[0]![1]).toBe(asked.join('\n'));
    expect(readdirSync(spoolOfThisProcess)).toEqual([]);
  });

  it('inserts inline when file() could not name the spool folder (*, ?, { or } in its path)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mieruka-spool-{x}-'));
    const inserts = new ChdbInserts(chdbPath, root);
    try {
      const batch = manyEvents('glob');
      const { data } = encodeEventRows(batch, { receivedAt, ingestSource: 'test' }, 1);
      expect(data.length).toBeGreaterThanOrEqual(FILE_INSERT_MIN_BYTES);
      await inserts.insert({ table: `${store.database}.events`, columns: EVENT_COLUMNS, data });
      expect(writeFile).not.toHaveBeenCalled();
      expect(await events.countEvents('glob')).toBe(batch.length);
    } finally {
      await inserts.close();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('removes the spool folders of processes that have ended, and keeps running ones', () => {
    const root = mkdtempSync(join(tmpdir(), 'mieruka-spool-'));
    try {
      // No process has a pid this high (Linux allows up to 2^22).
      for (const name of ['999999999', String(process.ppid)]) {
        mkdirSync(join(root, name));
      }
      new ChdbInserts(chdbPath, root);
      expect(readdirSync(root).sort()).toEqual([String(process.pid), String(process.ppid)].sort());
      expect(existsSync(join(root, '999999999'))).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('insertFromFileSql', () => {
  it('names the columns, sets the settings and quotes every value', () => {
    expect(
      insertFromFileSql('db.events', ['id', 'type'], { a_b: "it's", c: 'x\\y' }, "'/d/f'"),
    ).toBe(
      "INSERT INTO db.events (id, type) SETTINGS a_b = 'it\\'s', c = 'x\\\\y' " +
        "SELECT * FROM file('/d/f', 'TabSeparated')",
    );
    expect(insertFromFileSql('db.events', ['id'], {}, "'/f'")).toBe(
      "INSERT INTO db.events (id) SELECT * FROM file('/f', 'TabSeparated')",
    );
  });

  it('refuses a name that is not a plain SQL name', () => {
    expect(() => insertFromFileSql('db.events; DROP', ['id'], {}, "'/f'")).toThrow(
      /not a plain SQL name/,
    );
    expect(() => insertFromFileSql('db.events', ['id)'], {}, "'/f'")).toThrow(/plain SQL/);
    expect(() => insertFromFileSql('db.events', ['id'], { 'a=1,b': '0' }, "'/f'")).toThrow(
      /plain SQL/,
    );
  });

  it('quotes a string literal: backslashes and single quotes escaped', () => {
    expect(sqlString("/d/it's \\ here")).toBe("'/d/it\\'s \\\\ here'");
  });
});
