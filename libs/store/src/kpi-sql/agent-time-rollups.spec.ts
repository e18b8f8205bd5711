import {
  callEventSchema,
  defaultTenantSettings,
  type CallEvent,
  type HistoryGroupBy,
  type Scope,
} from '@mieruka/contracts';
import { EventStore } from '../event-store';
import { openTestStore } from '../testing';
import { freshAgentTime } from './agent-time-rollups';
import { buildRollups, computeKpiHistory } from './index';

type TestStore = Awaited<ReturnType<typeof openTestStore>>;

/** UTC wall clock on Saturday 2026-11-28 (a weekend night into Sunday) as epoch ms. */
const at = (time: string, date = '2026-11-28') => Date.parse(`${date}T${time}.000Z`);

let next = 0;
function state(
  time: string,
  agentId: string,
  value: string,
  team = 'blue',
  date = '2026-11-28',
): CallEvent {
  return callEventSchema.parse({
    id: `s${++next}`,
    tenant: 'carry',
    source: 'test',
    type: 'agent.state',
    occurredAt: new Date(at(time, date)).toISOString(),
    agentId,
    team,
    state: value,
  });
}

/**
 * Agent time read through its rollups is exact only while each quarter hour's build took in
 * the states the agents carried into it as they are now. A late state event before a rolled
 * range changes what every quarter hour after it carries in, though none of their own events
 * changed: those must be read raw until rebuilt — and then read through rollups again.
 */
describe('agent-time rollups and the states carried into them', () => {
  let store: TestStore;
  const defaults = defaultTenantSettings('carry');
  const settings = { ...defaults, tenant: { ...defaults.tenant, timezone: 'UTC' } };
  const from = at('22:00:00');
  const to = at('02:00:00', '2026-11-29');

  beforeAll(async () => {
    store = await openTestStore();
    const sunday = '2026-11-29';
    await new EventStore(store).insertEvents(
      [
        state('20:05:00', 'a1', 'available'),
        state('22:10:00', 'a1', 'on_call'),
        state('23:59:59', 'a1', 'wrap', 'red'),
        // Exactly on a quarter-hour edge: it ends a1's wrap there.
        state('00:15:00', 'a1', 'break', 'red', sunday),
        state('21:00:00', 'a2', 'not_ready'),
        state('00:40:00', 'a2', 'available', 'blue', sunday),
        state('01:30:00', 'a2', 'logged_out', 'blue', sunday),
        state('01:05:00', 'a3', 'on_call', 'red', sunday),
      ],
      { receivedAt: at('20:00:00'), ingestSource: 'test' },
    );
  });
  afterAll(() => store.drop());

  const groupBys: readonly [HistoryGroupBy, Scope][] = [
    ['15m', 'tenant'],
    ['hour', 'tenant'],
    ['hour', 'team:red'],
    ['15m', 'agent:a1'],
    ['agent', 'tenant'],
    ['team', 'tenant'],
    ['weekdayHour', 'tenant'],
  ];
  async function bothPathsAgree() {
    for (const [groupBy, scope] of groupBys) {
      const ask = (rollups: boolean) =>
        computeKpiHistory(store, { settings, from, to, scope, groupBy, rollups });
      const [raw, rolled] = await Promise.all([ask(false), ask(true)]);
      expect({ groupBy, scope, rows: rolled.rows }).toEqual({ groupBy, scope, rows: raw.rows });
    }
  }
  const quarters = (to - from) / 900_000;

  it('reads every quarter hour through rollups once built, with the same numbers', async () => {
    const built = await buildRollups(store, { settings, from, until: to });
    expect(built.agentTimeBuilt).toBe(quarters);
    expect((await freshAgentTime(store, 'carry', from, to)).size).toBe(quarters);
    const raw = await computeKpiHistory(store, {
      settings,
      from,
      to,
      scope: 'tenant',
      groupBy: 'agent',
      rollups: false,
    });
    // Not vacuous: the night holds agent time.
    expect(raw.rows.find((r) => r.key === 'a1')?.kpis).toMatchObject({
      occupancy: expect.any(Number),
    });
    await bothPathsAgree();
  });

  it('reads raw after a late state before the range, until rebuilt', async () => {
    // a2 took a call at 21:30, stored only now: from 22:00 on it carries on_call, not not_ready.
    await new EventStore(store).insertEvents([state('21:30:00', 'a2', 'on_call')], {
      receivedAt: at('03:00:00', '2026-11-29'),
      ingestSource: 'test',
    });
    expect((await freshAgentTime(store, 'carry', from, to)).size).toBe(0);
    await bothPathsAgree();

    const rebuilt = await buildRollups(store, { settings, from, until: to });
    expect(rebuilt.agentTimeBuilt).toBe(quarters);
    expect((await freshAgentTime(store, 'carry', from, to)).size).toBe(quarters);
    await bothPathsAgree();
  });

  it('reads raw from a late state inside the range on, the quarter hours before it still rolled up', async () => {
    await new EventStore(store).insertEvents([state('23:20:00', 'a3', 'available')], {
      receivedAt: at('03:00:00', '2026-11-29'),
      ingestSource: 'test',
    });
    // 22:00–23:15 unchanged: five quarter hours.
    expect((await freshAgentTime(store, 'carry', from, to)).size).toBe(5);
    await bothPathsAgree();
    const rebuilt = await buildRollups(store, { settings, from, until: to });
    expect(rebuilt.agentTimeBuilt).toBe(quarters - 5);
    await bothPathsAgree();
  });
});
