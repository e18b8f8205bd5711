import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { liveSnapshot } from '../support/adapters';
import { TEST_KEY, startTestApp, type TestApp } from '../support/test-app';

const run = promisify(execFile);
const bin = join(__dirname, '..', '..', 'bin', 'mieruka.js');
const work = mkdtempSync(join(tmpdir(), 'mieruka-import-'));
const AT = '2026-11-24T10:07:00.000+09:00';

interface Summary {
  lines: { from: number; to: number };
  accepted: number;
  duplicates: number;
  rejected: number;
  reasons: { reason: string; count: number; lines: number[] }[];
}

// A CDR export, one row per call event, local Tokyo times. By hand: c1 offered, answered by
// a1 after 18 s (in SL), 240 s talk + 15 s wrap-up, resolved; c2 abandoned after 3 s (a short
// abandon); o1 dialed by a2 for `renewal`, answered, 180 s talk + 30 s wrap-up, a sale; a3 on a
// lunch break. Row r5 is exported twice; r13's time is unreadable; r14 lacks the agent; r15
// is 13 minutes ahead of the API's clock.
const HEADER =
  'row_id,time,event,call_id,direction,queue,campaign,agent,wait_s,talk_s,wrap_s,result,reason,note';
const ROWS = [
  'r1,2026-11-24 09:55:00,ready,,,,,a1,,,,,,',
  'r2,2026-11-24 09:55:00,ready,,,,,a2,,,,,,',
  'r3,2026-11-24 09:55:00,ready,,,,,a3,,,,,,',
  'r4,2026-11-24 10:00:00,offer,c1,inbound,support,,,,,,,,',
  'r5,2026-11-24 10:00:18,answer,c1,inbound,support,,a1,18,,,,,',
  'r6,2026-11-24 10:01:00,offer,c2,inbound,support,,,,,,,,"caller said:\n""I\'ll call back"""',
  'r7,2026-11-24 10:01:03,abandon,c2,inbound,support,,,3,,,,,',
  'r8,2026-11-24 10:04:18,end,c1,inbound,support,,a1,,240,15,resolved,,',
  'r9,2026-11-24 10:02:00,dial,o1,outbound,,renewal,a2,,,,,,',
  'r10,2026-11-24 10:02:09,answer,o1,outbound,,renewal,a2,,,,,,',
  'r11,2026-11-24 10:05:09,end,o1,outbound,,renewal,a2,,180,30,sale,,',
  'r12,2026-11-24 10:03:00,pause,,,,,a3,,,,,lunch,',
  'r5,2026-11-24 10:00:18,answer,c1,inbound,support,,a1,18,,,,,',
  'r13,yesterday,offer,c3,inbound,support,,,,,,,,',
  'r14,2026-11-24 10:03:30,answer,c9,inbound,support,,,5,,,,,',
  'r15,2026-11-24 10:20:00,offer,c5,inbound,support,,,,,,,,',
];
const MAPPING = {
  occurredAt: { column: 'time', format: 'YYYY-MM-DD HH:mm:ss', timeZone: 'Asia/Tokyo' },
  idColumns: ['row_id'],
  idPrefix: 'cdr',
  fields: {
    type: {
      column: 'event',
      values: {
        ready: 'agent.state',
        pause: 'agent.state',
        offer: 'call.offered',
        answer: 'call.connected',
        abandon: 'call.abandoned',
        end: 'call.wrapped',
        dial: 'call.dialed',
      },
    },
    state: { column: 'event', values: { ready: 'available', pause: 'break' } },
    reason: { column: 'reason' },
    callId: { column: 'call_id' },
    direction: { column: 'direction' },
    queue: { column: 'queue' },
    campaign: { column: 'campaign' },
    agentId: { column: 'agent' },
    waitMs: { column: 'wait_s', unit: 's' },
    talkMs: { column: 'talk_s', unit: 's' },
    holdMs: { value: 0 },
    wrapMs: { column: 'wrap_s', unit: 's' },
    disposition: { column: 'result' },
  },
};

// queue_log of another site (tenant osaka): c1 answered by Alice after 6 s, 300 s of talk;
// c2 abandoned after 12 s; Bob paused for lunch; one line that is not queue_log at all; c0,
// whose ENTERQUEUE is not in the file (it was in yesterday's, rotated), answered by Alice
// after 20 s, 80 s of talk.
const T = Date.parse('2026-11-24T10:00:00.000+09:00') / 1000;
const QUEUE_LOG = [
  `${T}|c1|sales|NONE|ENTERQUEUE||0612345678|1`,
  `${T + 6}|c1|sales|Alice|CONNECT|6|c1b|2`,
  `${T + 60}|c2|sales|NONE|ENTERQUEUE||0612345679|1`,
  `${T + 72}|c2|sales|NONE|ABANDON|1|1|12`,
  `${T + 90}|NONE|sales|Bob|PAUSE|lunch`,
  'hello from the wrong file',
  `${T + 306}|c1|sales|Alice|COMPLETEAGENT|6|300|1`,
  `${T + 320}|c0|sales|Alice|CONNECT|20|c0b|2`,
  `${T + 400}|c0|sales|Alice|COMPLETECALLER|20|80|1`,
].join('\n');

async function mieruka(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [bin, ...args], { maxBuffer: 16 * 1024 * 1024 });
}

describe('npx mieruka import', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ at: AT });
  });
  afterAll(async () => {
    await app.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('posts a CSV export through a mapping, in batches, with progress and a summary', async () => {
    const csv = join(work, 'history.csv');
    const map = join(work, 'mapping.json');
    writeFileSync(csv, [HEADER, ...ROWS].join('\r\n') + '\r\n');
    writeFileSync(map, JSON.stringify(MAPPING));
    const { stdout, stderr } = await mieruka(
      'import',
      csv,
      '--format',
      'csv',
      '--map',
      map,
      '--post',
      app.url,
      '--key',
      TEST_KEY,
      '--batch',
      '4',
    );
    const summary = JSON.parse(stdout) as Summary;
    // 18 lines: the header, 16 rows, one of them (r6) spanning two lines.
    expect(summary).toMatchObject({
      lines: { from: 1, to: 18 },
      accepted: 12,
      duplicates: 1,
      rejected: 3,
    });
    expect(summary.reasons).toEqual([
      {
        reason: 'occurredAt: "yesterday" does not match YYYY-MM-DD HH:mm:ss',
        count: 1,
        lines: [16],
      },
      { reason: expect.stringContaining('agentId'), count: 1, lines: [17] },
      { reason: expect.stringContaining('more than 5 minutes after'), count: 1, lines: [18] },
    ]);
    // The rows the mapping refused (16, 17) are dead letters of the API too, with file and
    // line; row 18 the API refused itself (its own dead letter, source http).
    const letters = (await (
      await fetch(`${app.url}/api/v1/dead-letters?limit=100`, {
        headers: { authorization: `Bearer ${TEST_KEY}` },
      })
    ).json()) as { source: string; reason: string; payload: string }[];
    const refused = letters.filter((l) => l.source === 'csv');
    refused.sort((a, b) => a.reason.localeCompare(b.reason));
    expect(refused.map((l) => [l.reason, l.payload])).toEqual([
      [
        `${csv} line 16: occurredAt: "yesterday" does not match YYYY-MM-DD HH:mm:ss`,
        expect.stringContaining('yesterday'),
      ],
      [`${csv} line 17: agentId: is required`, expect.stringContaining('r14,')],
    ]);
    expect(stderr).toContain('import: line 18 (100%)  accepted 12  duplicates 1  rejected 3');
    expect(stderr).toContain('accepted 12, duplicates 1, rejected 3');
    expect(existsSync(`${csv}.import-position.json`)).toBe(true);

    const snapshot = await liveSnapshot(app);
    expect(snapshot.windows.today).toMatchObject({
      offered: 2,
      answered: 1,
      answeredInSL: 1, // c1 after 18 s
      abandoned: 1,
      shortAbandoned: 1, // c2 after 3 s
      dialed: 1,
      connectedOutbound: 1,
      wrapped: 2,
      dispositions: { resolved: 1, sale: 1 },
      serviceLevel: 1, // 1 / (1 answered + 1 abandoned − 1 short)
      abandonRate: 0,
      asaMs: 18_000,
      ahtMs: 232_500, // (240 + 15 + 180 + 30 s) / 2
      connectRate: 1,
    });
    expect(snapshot.live.agents).toMatchObject({ available: 2, on_call: 0, break: 1 });
  }, 180_000);

  it('resumes where it stopped: a rerun posts only the rows appended since', async () => {
    const csv = join(work, 'history.csv');
    appendFileSync(
      csv,
      'r16,2026-11-24 10:06:00,ready,,,,,a3,,,,,,\r\nr17,2026-11-24 10:06:30,offer,c4,inbound,support,,,,,,,,\r\n',
    );
    const { stdout } = await mieruka(
      'import',
      csv,
      '--format',
      'csv',
      '--map',
      join(work, 'mapping.json'),
      '--post',
      app.url,
      '--key',
      TEST_KEY,
    );
    expect(JSON.parse(stdout)).toMatchObject({
      lines: { from: 19, to: 20 },
      accepted: 2,
      duplicates: 0,
      rejected: 0,
    });
    const snapshot = await liveSnapshot(app);
    expect(snapshot.windows.today).toMatchObject({ offered: 3 });
    expect(snapshot.live).toMatchObject({ inQueue: 1, longestWaitMs: 30_000 });
    expect(snapshot.live.agents).toMatchObject({ available: 3, break: 0 });
  }, 60_000);

  it('posts a queue_log file for a tenant, and a rerun finds nothing new', async () => {
    const file = join(work, 'queue_log');
    writeFileSync(file, QUEUE_LOG + '\n');
    const args = [
      'import',
      file,
      '--format',
      'queue_log',
      '--tenant',
      'osaka',
      '--post',
      app.url,
      '--key',
      TEST_KEY,
    ];
    const first = JSON.parse((await mieruka(...args)).stdout) as Summary;
    // offered, connected + Alice on call, offered, abandoned, Bob on break, wrapped + Alice
    // free; c0's worked-out offer, connected + Alice on call, wrapped + Alice free.
    expect(first).toMatchObject({
      lines: { from: 1, to: 9 },
      accepted: 13,
      duplicates: 0,
      rejected: 1,
      inferredOffers: 1,
    });
    expect(first.reasons).toEqual([
      {
        reason: 'queue_log: expected epoch|callid|queue|member|EVENT|…, got 1 field(s)',
        count: 1,
        lines: [6],
      },
    ]);
    const again = await mieruka(...args);
    expect(JSON.parse(again.stdout)).toMatchObject({
      accepted: 0,
      duplicates: 0,
      rejected: 0,
      lines: { from: 10, to: 9 },
    });
    expect(again.stderr).toContain('no new lines');

    const response = await app.get('/api/v1/live?tenant=osaka&scope=tenant');
    const snapshot = (await response.json()) as Awaited<ReturnType<typeof liveSnapshot>>;
    // Offered never below answered, though c0's ENTERQUEUE was in another file.
    expect(snapshot.windows.today).toMatchObject({
      offered: 3,
      answered: 2,
      abandoned: 1,
      abandonedCallerHangup: 1,
      wrapped: 2,
      serviceLevel: 2 / 3,
      asaMs: 13_000,
      ahtMs: 190_000,
    });
    expect(snapshot.live.agents).toMatchObject({ available: 1, on_call: 0, break: 1 });

    // The line that is not queue_log is a dead letter of the API, its raw text kept.
    const letters = (await (
      await fetch(`${app.url}/api/v1/dead-letters?limit=100`, {
        headers: { authorization: `Bearer ${TEST_KEY}` },
      })
    ).json()) as { source: string; reason: string; payload: string; tenant: string }[];
    expect(letters.filter((l) => l.source === 'asterisk-queue-log')).toEqual([
      expect.objectContaining({
        tenant: 'osaka',
        reason: `${file} line 6: queue_log: expected epoch|callid|queue|member|EVENT|…, got 1 field(s)`,
        payload: 'hello from the wrong file',
      }),
    ]);
  }, 60_000);

  it('prints canonical NDJSON without --post, and explains bad arguments', async () => {
    const file = join(work, 'queue_log');
    const { stdout, stderr } = await mieruka('import', file, '--format', 'queue_log');
    const events = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; tenant: string });
    expect(events).toHaveLength(13);
    expect(events[0]).toMatchObject({
      id: 'asterisk-queue-log:c1:sales:offered',
      tenant: 'default',
    });
    expect(stderr).toContain('printed 13 events, rejected 1');
    expect(stderr).toContain(
      '1 × a call answered or abandoned whose ENTERQUEUE is not in this file',
    );

    await expect(mieruka('import', file, '--format', 'excel')).rejects.toMatchObject({
      stderr: expect.stringContaining('expected csv or queue_log'),
    });
    await expect(mieruka('import', file, '--format', 'csv')).rejects.toMatchObject({
      stderr: expect.stringContaining('--format csv needs --map mapping.json'),
    });
    await expect(
      mieruka('import', file, '--format', 'queue_log', '--post', app.url),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('--post needs --key'),
    });
  }, 60_000);

  it('names the address it could not post to without a password or the key', async () => {
    const api = new URL(app.url);
    api.username = 'importer';
    api.password = 'address-password-0123';
    const failed = await mieruka(
      'import',
      join(work, 'queue_log'),
      '--format',
      'queue_log',
      '--post',
      api.href,
      '--key',
      'mik_notakeyofthisapi0123456789abcdef',
      '--restart',
    ).then(
      () => ({ stderr: 'it posted' }),
      (error: { stderr: string }) => error,
    );
    expect(failed.stderr).toContain(`mieruka: ${app.url}/api/v1/`);
    expect(failed.stderr).toContain('answered 401');
    expect(failed.stderr).not.toContain('address-password-0123');
    expect(failed.stderr).not.toContain('mik_notakeyofthisapi0123456789abcdef');
  }, 60_000);
});
