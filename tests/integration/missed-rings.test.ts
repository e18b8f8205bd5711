import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KpiHistory, LiveFloor } from '@mieruka/contracts';
import { testDatabaseName } from '@mieruka/store/testing';
import { adapterReaches, liveSnapshot } from '../support/adapters';
import { differences } from '../support/golden';
import { startTestApp, type TestApp } from '../support/test-app';

// Missed rings end to end (docs/kpis.md, Missed rings): a queue_log the tailer reads, in
// Asia/Tokyo on 2026-11-24. 10:00:00 Alice and Bob join `support`; c1 enters at 10:00:05, rings
// Bob for 15 s (RINGNOANSWER), then Alice answers at 10:00:25 (20 s); c2 enters at 10:01:00,
// rings Bob again (no answer) and Alice, whose ring the caller's hang-up cancels
// (RINGCANCELED, no miss of hers); c2 abandons after 30 s.
const AT = '2026-11-24T10:07:00.000+09:00';
const T = Date.parse('2026-11-24T10:00:00.000+09:00') / 1000;
const line = (s: number, ...fields: string[]) => `${T + s}|${fields.join('|')}\n`;

describe('missed rings: queue_log → store → the agent grid', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mieruka-missed-rings-'));
  const file = join(dir, 'queue_log');
  const database = testDatabaseName();
  const start = () =>
    startTestApp({
      at: AT,
      env: {
        MIERUKA_CLICKHOUSE_DATABASE: database,
        MIERUKA_QUEUE_LOG_FILE: file,
        MIERUKA_QUEUE_LOG_POSITION_FILE: join(dir, 'state', 'queue_log.position.json'),
        MIERUKA_QUEUE_LOG_POLL_MS: '20',
      },
    });
  let app: TestApp;

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const floor = async (): Promise<LiveFloor> =>
    (await (await app.get('/api/v1/live/floor?scope=tenant')).json()) as LiveFloor;

  it('counts Bob’s two missed rings on the grid and leaves every KPI as without them', async () => {
    writeFileSync(
      file,
      line(0, 'NONE', 'support', 'Alice', 'ADDMEMBER', '') +
        line(0, 'NONE', 'support', 'Bob', 'ADDMEMBER', '') +
        line(5, 'c1', 'support', 'NONE', 'ENTERQUEUE', '', '0312345678', '1') +
        line(20, 'c1', 'support', 'Bob', 'RINGNOANSWER', '15000') +
        line(25, 'c1', 'support', 'Alice', 'CONNECT', '20', 'c1b', '5') +
        line(60, 'c2', 'support', 'NONE', 'ENTERQUEUE', '', '0312345679', '1') +
        line(75, 'c2', 'support', 'Bob', 'RINGNOANSWER', '15000') +
        line(90, 'c2', 'support', 'Alice', 'RINGCANCELED', '15000') +
        line(90, 'c2', 'support', 'NONE', 'ABANDON', '1', '1', '30'),
    );
    app = await start();
    // 2 joins, c1 offered, Bob's ring, c1 connected + Alice on call, c2 offered, Bob's ring,
    // c2 abandoned.
    const health = await adapterReaches(app, 'asterisk-queue-log', (h) => h.accepted >= 9);
    expect(health).toMatchObject({ accepted: 9, rejected: 0 });

    const view = await floor();
    expect(view.agents).toEqual({
      Alice: expect.not.objectContaining({ missedRings: expect.anything() }),
      Bob: expect.objectContaining({ state: 'available', missedRings: 2 }),
    });
    expect(view.agents.Alice?.state).toBe('on_call');
    // Bob's rings changed no state: still available since he joined.
    expect(view.agents.Bob?.since).toBe('2026-11-24T10:00:00.000+09:00');
    const snapshot = await liveSnapshot(app);
    expect(snapshot.windows.today).toMatchObject({ offered: 2, answered: 1, abandoned: 1 });
    expect(snapshot.live).toMatchObject({ agents: { available: 1, on_call: 1 } });
    // Agent time by hand: Alice 25 s available then 395 s on call, Bob 420 s available — his
    // rings split no time. The SQL history of the day says the same as the live fold.
    expect(snapshot.windows.today.occupancy).toBeCloseTo(395 / (395 + 25 + 420), 9);
    const history = (await (
      await app.get('/api/v1/kpis?groupBy=day&from=2026-11-24T00:00:00%2B09:00')
    ).json()) as KpiHistory;
    expect(history.rows).toHaveLength(1);
    expect(differences(snapshot.windows.today, history.rows[0]!.kpis)).toEqual([]);
  });

  it('shows them again after a restart, rebuilt from the store', async () => {
    const before = await floor();
    await app.close();
    app = await start();
    const after = await floor();
    expect(after.agents).toEqual(before.agents);
    expect(after.agents.Bob?.missedRings).toBe(2);
  });
});
