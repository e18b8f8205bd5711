import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabaseName } from '@mieruka/store/testing';
import { adapterHealth, adapterReaches, liveSnapshot } from '../support/adapters';
import { startTestApp, type TestApp } from '../support/test-app';

// Asterisk's queue_log (epoch|callid|queue|member|EVENT|params) as the tailer sees it being
// written, in Asia/Tokyo on 2026-11-24:
//   10:00:00 Alice and Bob join `support`; 10:00:05 c1 enters; 10:00:15 Alice answers (10 s)
//   10:01:00 c2 enters; 10:01:25 c2 abandons after 25 s (its line first arrives half-written)
//   10:02:00 Bob pauses for a break — the last line before the log is rotated
//   10:03:00 c3 enters; 10:03:30 c3 times out after 30 s (EXITWITHTIMEOUT → an abandon)
//   10:05:30 c4 enters; then the API stops, and while it is down:
//   10:06:00 c1 completes after 225 s of talk; 10:06:10 c4 times out, logged the pre-1.6 way
//   (position only), so its wait (40 s) comes from the ENTERQUEUE the tailer remembered in
//   its position file
const AT = '2026-11-24T10:07:00.000+09:00';
const T = Date.parse('2026-11-24T10:00:00.000+09:00') / 1000;
const line = (s: number, ...fields: string[]) => `${T + s}|${fields.join('|')}\n`;

describe('Asterisk queue_log tailer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mieruka-queue-log-'));
  const file = join(dir, 'queue_log');
  const positionFile = join(dir, 'state', 'queue_log.position.json');
  const database = testDatabaseName();
  const start = () =>
    startTestApp({
      at: AT,
      env: {
        MIERUKA_CLICKHOUSE_DATABASE: database,
        MIERUKA_QUEUE_LOG_FILE: file,
        MIERUKA_QUEUE_LOG_POSITION_FILE: positionFile,
        MIERUKA_QUEUE_LOG_POLL_MS: '20',
      },
    });
  let app: TestApp;

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads what the file already holds', async () => {
    writeFileSync(
      file,
      line(-60, 'NONE', 'NONE', 'NONE', 'QUEUESTART', '') +
        line(0, 'NONE', 'support', 'Alice', 'ADDMEMBER', '') +
        line(0, 'NONE', 'support', 'Bob', 'ADDMEMBER', '') +
        line(5, 'c1', 'support', 'NONE', 'ENTERQUEUE', '', '0312345678', '1') +
        line(15, 'c1', 'support', 'Alice', 'CONNECT', '10', 'c1b', '3'),
    );
    app = await start();
    // Alice available, Bob available, c1 offered, c1 connected, Alice on call.
    const health = await adapterReaches(app, 'asterisk-queue-log', (h) => h.accepted >= 5);
    expect(health).toMatchObject({ accepted: 5, duplicates: 0, rejected: 0, connected: true });
    expect(health.details).toMatchObject({ file, offset: statSync(file).size });
  });

  it('leaves a half-written last line until its end arrives', async () => {
    const before = statSync(file).size;
    const enter = line(60, 'c2', 'support', 'NONE', 'ENTERQUEUE', '', '0312345679', '1');
    const abandon = line(85, 'c2', 'support', 'NONE', 'ABANDON', '1', '1', '25');
    appendFileSync(file, enter + abandon.slice(0, 20));
    const partial = await adapterReaches(app, 'asterisk-queue-log', (h) => h.accepted >= 6);
    expect(partial.details.offset).toBe(before + Buffer.byteLength(enter));
    appendFileSync(file, abandon.slice(20));
    const whole = await adapterReaches(app, 'asterisk-queue-log', (h) => h.accepted >= 7);
    expect(whole).toMatchObject({ accepted: 7, rejected: 0 });
    expect(whole.details.offset).toBe(statSync(file).size);
  });

  it('reads a rotated file to its end, then the new one from the start', async () => {
    const oldInode = statSync(file).ino;
    // The last line lands just before logrotate renames the file: the tailer may not have
    // seen it yet, and must still read it from the old file.
    appendFileSync(file, line(120, 'NONE', 'support', 'Bob', 'PAUSE', 'break'));
    renameSync(file, `${file}.1`);
    writeFileSync(
      file,
      line(180, 'c3', 'support', 'NONE', 'ENTERQUEUE', '', '0312345670', '1') +
        line(210, 'c3', 'support', 'NONE', 'EXITWITHTIMEOUT', '1', '1', '30') +
        line(330, 'c4', 'support', 'NONE', 'ENTERQUEUE', '', '0312345671', '1'),
    );
    // Bob on break, c3 offered, c3 abandoned (timeout), c4 offered.
    const health = await adapterReaches(app, 'asterisk-queue-log', (h) => h.accepted >= 11);
    expect(health).toMatchObject({ accepted: 11, duplicates: 0, rejected: 0 });
    expect(health.details.inode).not.toBe(oldInode);
    expect(health.details).toMatchObject({
      inode: statSync(file).ino,
      offset: statSync(file).size,
    });
  });

  it('after a restart continues from the saved position: nothing skipped, nothing repeated', async () => {
    await app.close();
    const saved = JSON.parse(readFileSync(positionFile, 'utf8')) as { offset: number; ino: number };
    expect(saved).toMatchObject({ offset: statSync(file).size, ino: statSync(file).ino });
    appendFileSync(
      file,
      line(360, 'c1', 'support', 'Alice', 'COMPLETECALLER', '10', '225', '1') +
        line(370, 'c4', 'support', 'NONE', 'EXITWITHTIMEOUT', '1'),
    );
    app = await start();
    // c1 wrapped, Alice available, c4 abandoned — and none of the 11 earlier ones again.
    const health = await adapterReaches(app, 'asterisk-queue-log', (h) => h.accepted >= 3);
    expect(health).toMatchObject({ accepted: 3, duplicates: 0, rejected: 0 });
    expect((await adapterHealth(app, 'asterisk-queue-log')).details.offset).toBe(
      statSync(file).size,
    );

    const snapshot = await liveSnapshot(app);
    expect(snapshot.windows.today).toMatchObject({
      offered: 4,
      answered: 1,
      answeredInSL: 1, // c1 after 10 s
      abandoned: 3, // c2 25 s, c3 30 s (timeout), c4 40 s (timeout)
      shortAbandoned: 0,
      wrapped: 1,
      serviceLevel: 0.25, // 1 / (1 answered + 3 abandoned)
      abandonRate: 0.75,
      asaMs: 10_000,
      ahtMs: 225_000,
    });
    expect(snapshot.live).toMatchObject({
      inQueue: 0,
      agents: { available: 1, on_call: 0, wrap: 0, not_ready: 0, break: 1 },
    });
  });

  it('starts over when the file is truncated in place (logrotate copytruncate)', async () => {
    const ino = statSync(file).ino;
    writeFileSync(file, line(400, 'c5', 'support', 'NONE', 'ENTERQUEUE', '', '0312345672', '1'));
    expect(statSync(file).ino).toBe(ino);
    const health = await adapterReaches(app, 'asterisk-queue-log', (h) => h.accepted >= 4);
    expect(health).toMatchObject({ accepted: 4, duplicates: 0, rejected: 0 });
    expect(health.details.offset).toBe(statSync(file).size);
    expect(health.lastError).toContain('truncated');
    expect((await liveSnapshot(app)).live.inQueue).toBe(1);
  });
});
