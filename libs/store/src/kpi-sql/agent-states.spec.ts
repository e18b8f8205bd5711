import { callEventSchema, type CallEvent } from '@mieruka/contracts';
import { EventStore } from '../event-store';
import { migrate } from '../migrate';
import { migrations } from '../migrations';
import { openTestStore } from '../testing';
import { chTime } from '../time';
import { stateIntervals } from './agent-states.sql';

/** Tokyo wall clock on 2026-11-24 as epoch ms. */
const at = (time: string, date = '2026-11-24') => Date.parse(`${date}T${time}.000+09:00`);

function state(
  id: string,
  time: string,
  agentId: string,
  value: string,
  extra: Record<string, unknown> = {},
): CallEvent {
  return callEventSchema.parse({
    id,
    tenant: 'default',
    source: 'test',
    type: 'agent.state',
    occurredAt: new Date(at(time)).toISOString(),
    agentId,
    state: value,
    ...extra,
  });
}

/**
 * Where a timeline starts (the state each agent carries into the range): the latest state
 * event before `since`, found through `agent_state_hours` for earlier hours and the raw events
 * of since's own hour, with ties to the greater id and teams cut apart when asked.
 */
describe('stateIntervals: the state carried into the range', () => {
  const events: CallEvent[] = [
    // a1: an hour row two hours back, then a later one in since's hour before since.
    state('a1-1', '07:05:00', 'a1', 'available'),
    state('a1-2', '09:20:00', 'a1', 'break'),
    // a2: only hour rows, the later of two hours wins; a tie inside an hour goes to the greater id.
    state('a2-1', '06:10:00', 'a2', 'available'),
    state('a2-3', '08:40:00', 'a2', 'on_call'),
    state('a2-2', '08:40:00', 'a2', 'wrap'),
    // a3: moved teams; cut per team, each team carries its own last state.
    state('a3-1', '08:00:00', 'a3', 'not_ready', { team: 'red' }),
    state('a3-2', '09:10:00', 'a3', 'available', { team: 'blue' }),
    // a4: only after since: nothing to carry.
    state('a4-1', '09:45:00', 'a4', 'available'),
  ];
  const since = at('09:30:00');
  const atMs = at('10:00:00');

  async function carried(
    store: Awaited<ReturnType<typeof openTestStore>>,
    perTeam: boolean,
    scope = '1',
    scopeValue?: string,
  ) {
    const result = await store.client.query({
      query: `SELECT agent_id, team, state, s FROM ${stateIntervals(store.database, {
        scope,
        sinceMs: '{fromMs:Int64}',
        perTeam,
      })} WHERE s < {fromMs:Int64} ORDER BY agent_id, team`,
      query_params: { tenant: 'default', at: chTime(atMs), atMs, fromMs: since, scopeValue },
      format: 'JSONEachRow',
    });
    return (await result.json<{ agent_id: string; team: string; state: string; s: number }>()).map(
      (r) => [r.agent_id, r.team, r.state, Number(r.s)],
    );
  }

  const expected = [
    ['a1', '', 'break', at('09:20:00')],
    ['a2', '', 'on_call', at('08:40:00')],
    ['a3', 'blue', 'available', at('09:10:00')],
  ];

  it('finds each agent its latest state before since, a tie to the greater id', async () => {
    const store = await openTestStore();
    try {
      await new EventStore(store).insertEvents(events, { receivedAt: atMs, ingestSource: 'test' });
      expect(await carried(store, false)).toEqual(expected);
      expect(await carried(store, true)).toEqual([
        ...expected.slice(0, 2),
        ['a3', 'blue', 'available', at('09:10:00')],
        ['a3', 'red', 'not_ready', at('08:00:00')],
      ]);
      expect(await carried(store, false, 'team = {scopeValue:String}', 'red')).toEqual([
        ['a3', 'red', 'not_ready', at('08:00:00')],
      ]);
    } finally {
      await store.drop();
    }
  });

  it('finds the same for events stored before migration 14 (it fills the hours in)', async () => {
    const store = await openTestStore({ migrations: migrations.filter((m) => m.version < 14) });
    try {
      await new EventStore(store).insertEvents(events, { receivedAt: atMs, ingestSource: 'test' });
      expect(await migrate(store)).toEqual([14, 15, 16, 17]);
      expect(await carried(store, false)).toEqual(expected);
    } finally {
      await store.drop();
    }
  });
});
