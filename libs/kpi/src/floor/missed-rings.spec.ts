import {
  defaultTenantSettings,
  MISSED_RING_ATTR,
  validateEvent,
  type AgentState,
  type CallEvent,
} from '@mieruka/contracts';
import { createProjection, evolve, prune, snapshot } from '../projection';
import { createFloor, floorView, foldFloor, pruneFloor } from './floor';

/** Tokyo (the default tenant's zone): local times read as they are written below. */
const settings = defaultTenantSettings('default');
const at = (day: string, time: string): number => Date.parse(`2026-11-${day}T${time}+09:00`);

let sequence = 0;
function state(
  day: string,
  time: string,
  agentId: string,
  value: AgentState,
  missedCall?: string,
): CallEvent {
  sequence++;
  const result = validateEvent(
    {
      id: `ev-${sequence}`,
      type: 'agent.state',
      tenant: 'default',
      source: 'spec',
      occurredAt: `2026-11-${day}T${time}+09:00`,
      agentId,
      state: value,
      ...(missedCall ? { attrs: { [MISSED_RING_ATTR]: missedCall } } : {}),
    },
    { receivedAt: Date.parse('2026-11-26T00:00:00Z'), currencyOf: () => 'JPY' },
  );
  if (!result.ok) throw new Error(result.reason);
  return result.event;
}

function live(events: readonly CallEvent[]) {
  const projection = createProjection(settings);
  const floor = createFloor(settings);
  for (const e of events) if (evolve(projection, e)) foldFloor(floor, e);
  return { projection, floor };
}

describe('the floor: missed rings per agent', () => {
  const day = [
    state('23', '17:00:00', 'a-1', 'available', 'y-1'), // yesterday: not today's count
    state('24', '09:00:00', 'a-1', 'available'),
    state('24', '09:00:00', 'a-2', 'available'),
    state('24', '09:10:00', 'a-1', 'available', 'c-1'),
    state('24', '09:10:15', 'a-1', 'available', 'c-1'), // rung again for the same caller
    state('24', '09:20:00', 'a-1', 'not_ready'),
    state('24', '09:30:00', 'a-1', 'not_ready', 'c-2'), // rung while pausing (ringinuse)
  ];

  it('counts today’s rings each agent let ring out, and shows none for the others', () => {
    const { floor } = live(day);
    const view = floorView(floor, at('24', '10:00:00'));
    expect(view.agents['a-1']).toMatchObject({ state: 'not_ready', missedRings: 3 });
    expect(view.agents['a-2']).not.toHaveProperty('missedRings');
    // As the day was at 09:15, and at the next local midnight (a new day starts at zero).
    expect(floorView(floor, at('24', '09:15:00')).agents['a-1']?.missedRings).toBe(2);
    expect(floorView(floor, at('25', '00:00:00')).agents['a-1']).not.toHaveProperty('missedRings');
  });

  it('leaves the agent’s state and time in state as they were', () => {
    const { floor } = live(day);
    const view = floorView(floor, at('24', '09:15:00'));
    expect(view.agents['a-1']).toEqual({
      state: 'available',
      since: '2026-11-23T17:00:00.000+09:00',
      missedRings: 2,
    });
  });

  it('changes no KPI: the engines read no attrs, and the state stays the one the agent was in', () => {
    const plain = day.map(({ attrs: _attrs, ...rest }) => rest as CallEvent);
    const withRings = live(day).projection;
    const without = live(plain).projection;
    for (const time of ['09:15:00', '10:00:00']) {
      expect(snapshot(withRings, at('24', time))).toEqual(snapshot(without, at('24', time)));
    }
  });

  it('arrives in any order and survives pruning of yesterday', () => {
    const { projection, floor } = live([...day].reverse());
    const before = floorView(floor, at('24', '10:00:00'));
    const horizon = at('24', '00:00:00');
    prune(projection, horizon);
    pruneFloor(floor, horizon);
    expect(floorView(floor, at('24', '10:00:00'))).toEqual(before);
    expect(before.agents['a-1']?.missedRings).toBe(3);
  });
});
