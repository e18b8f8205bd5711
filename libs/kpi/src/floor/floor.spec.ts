import {
  defaultTenantSettings,
  validateEvent,
  type AgentState,
  type CallEvent,
  type TenantSettings,
} from '@mieruka/contracts';
import { createProjection, evolve, prune, snapshot, type Projection } from '../projection';
import { createFloor, floorView, foldFloor, pruneFloor, type FloorState } from './floor';

/** Tokyo (the default tenant's zone): local times read as they are written below. */
const settings: TenantSettings = defaultTenantSettings('default');
const at = (time: string): number => Date.parse(`2026-11-24T${time}+09:00`);
const local = (time: string): string => `2026-11-24T${time}.000+09:00`;

let sequence = 0;
function event(fields: Record<string, unknown>): CallEvent {
  sequence++;
  const { time, ...rest } = fields as { time: string } & Record<string, unknown>;
  const result = validateEvent(
    {
      id: `ev-${sequence}`,
      tenant: 'default',
      source: 'spec',
      occurredAt: `2026-11-24T${time}+09:00`,
      ...rest,
    },
    { receivedAt: Date.parse('2026-11-25T00:00:00Z'), currencyOf: () => 'JPY' },
  );
  if (!result.ok) throw new Error(result.reason);
  return result.event;
}
const state = (time: string, agentId: string, value: AgentState, extra = {}) =>
  event({ type: 'agent.state', time, agentId, state: value, ...extra });
const connected = (time: string, agentId: string, callId: string, extra = {}) =>
  event({
    type: 'call.connected',
    time,
    agentId,
    callId,
    direction: 'inbound',
    queue: 'support',
    waitMs: 5_000,
    ...extra,
  });
const wrapped = (time: string, agentId: string, callId: string) =>
  event({
    type: 'call.wrapped',
    time,
    agentId,
    callId,
    direction: 'inbound',
    queue: 'support',
    talkMs: 60_000,
    holdMs: 0,
    wrapMs: 30_000,
    disposition: 'resolved',
  });
const abandoned = (time: string, callId: string, extra: Record<string, unknown> = {}) =>
  event({
    type: 'call.abandoned',
    time,
    callId,
    direction: 'inbound',
    queue: 'support',
    waitMs: 42_000,
    ...extra,
  });

/** The projection and the floor side by side, fed as LiveProjections feeds them. */
function live(limit?: number): { projection: Projection; floor: FloorState } {
  return {
    projection: createProjection(settings),
    floor: createFloor(settings, limit === undefined ? {} : { abandonedLimit: limit }),
  };
}
function fold(target: { projection: Projection; floor: FloorState }, events: CallEvent[]): void {
  for (const e of events) if (evolve(target.projection, e)) foldFloor(target.floor, e);
}

describe('the floor: agents one by one', () => {
  it('lists each agent not logged out, with team, state and since when', () => {
    const target = live();
    fold(target, [
      state('09:00:00', 'a-1', 'available', { team: 'blue' }),
      state('09:00:00', 'a-2', 'available', { team: 'red' }),
      state('09:10:00', 'a-2', 'break', { team: 'red' }),
      state('09:00:00', 'a-3', 'available'),
      state('09:20:00', 'a-3', 'logged_out'),
    ]);
    const view = floorView(target.floor, at('09:30:00'));
    expect(view).toEqual({
      agents: {
        'a-1': { team: 'blue', state: 'available', since: local('09:00:00') },
        'a-2': { team: 'red', state: 'break', since: local('09:10:00') },
      },
      agentsOmitted: 0,
      abandoned: [],
    });
    // Before a-2's break, and before anything was known of anyone.
    expect(floorView(target.floor, at('09:05:00')).agents['a-2']?.state).toBe('available');
    expect(floorView(target.floor, at('08:59:59')).agents).toEqual({});
  });

  it('does not restart the time in state on a repeated report of the same state', () => {
    const target = live();
    fold(target, [
      state('09:00:00', 'a-1', 'not_ready', { reason: 'meeting' }),
      state('09:05:00', 'a-1', 'not_ready', { reason: 'training' }),
      state('09:06:00', 'a-1', 'not_ready'),
    ]);
    expect(floorView(target.floor, at('09:10:00')).agents['a-1']?.since).toBe(local('09:00:00'));
  });

  it('says why an agent is not ready or on a break: the latest reason of the stretch', () => {
    const target = live();
    fold(target, [
      state('09:00:00', 'a-1', 'not_ready', { reason: 'meeting' }),
      state('09:05:00', 'a-1', 'not_ready', { reason: '研修' }),
      // A repeated report without a reason keeps the one given.
      state('09:06:00', 'a-1', 'not_ready'),
      state('09:00:00', 'a-2', 'break', { reason: 'lunch' }),
      state('09:20:00', 'a-2', 'available', { reason: 'back' }),
      state('09:30:00', 'a-2', 'not_ready'),
    ]);
    const view = (time: string) => floorView(target.floor, at(time)).agents;
    expect(view('09:10:00')['a-1']).toEqual({
      state: 'not_ready',
      since: local('09:00:00'),
      reason: '研修',
    });
    expect(view('09:04:59')['a-1']?.reason).toBe('meeting');
    expect(view('09:10:00')['a-2']?.reason).toBe('lunch');
    // Other states' reasons are not shown; a new stretch does not inherit an old reason.
    expect(view('09:25:00')['a-2']).toEqual({ state: 'available', since: local('09:20:00') });
    expect(view('09:35:00')['a-2']).toEqual({ state: 'not_ready', since: local('09:30:00') });
  });

  it('keeps the reason across pruning', () => {
    const target = live();
    fold(target, [
      state('09:00:00', 'a-1', 'not_ready', { reason: 'meeting' }),
      state('09:05:00', 'a-1', 'not_ready', { reason: '研修' }),
      state('09:06:00', 'a-1', 'not_ready'),
    ]);
    pruneFloor(target.floor, at('10:00:00'));
    expect(floorView(target.floor, at('10:30:00')).agents['a-1']).toEqual({
      state: 'not_ready',
      since: local('09:00:00'),
      reason: '研修',
    });
  });

  it('puts a late state where it belongs, whatever the arrival order', () => {
    const events = [
      state('09:00:00', 'a-1', 'available'),
      state('09:20:00', 'a-1', 'available'),
      state('09:30:00', 'a-1', 'on_call'),
      state('09:10:00', 'a-1', 'break'), // late: splits the available run in two
    ];
    const late = live();
    fold(late, events);
    const sorted = live();
    fold(sorted, [events[0]!, events[3]!, events[1]!, events[2]!]);
    for (const time of ['09:05:00', '09:15:00', '09:25:00', '09:35:00']) {
      expect(floorView(late.floor, at(time))).toEqual(floorView(sorted.floor, at(time)));
    }
    expect(floorView(late.floor, at('09:25:00')).agents['a-1']).toEqual({
      state: 'available',
      since: local('09:20:00'),
    });
    // A late state equal to the run after it becomes that run's start…
    fold(late, [state('09:12:00', 'a-1', 'available')]);
    expect(floorView(late.floor, at('09:25:00')).agents['a-1']?.since).toBe(local('09:12:00'));
    // …and one that equals its neighbours changes nothing.
    fold(late, [state('09:15:00', 'a-1', 'available')]);
    expect(floorView(late.floor, at('09:25:00')).agents['a-1']?.since).toBe(local('09:12:00'));
  });

  it('counts a repeated id once: the first copy wins', () => {
    const target = live();
    const first = state('09:00:00', 'a-1', 'available');
    const copy = { ...first, state: 'break', occurredAt: '2026-11-24T09:05:00+09:00' };
    fold(target, [first, copy as CallEvent]);
    expect(floorView(target.floor, at('09:10:00')).agents['a-1']).toEqual({
      state: 'available',
      since: local('09:00:00'),
    });
  });

  it('shows the current call while on a call and in wrap-up, and not after', () => {
    const target = live();
    fold(target, [
      state('09:00:00', 'a-1', 'available'),
      connected('09:01:00', 'a-1', 'c-1'),
      state('09:01:00', 'a-1', 'on_call'),
      state('09:05:00', 'a-1', 'wrap'),
      wrapped('09:06:00', 'a-1', 'c-1'),
      state('09:06:00', 'a-1', 'available'),
    ]);
    const call = {
      callId: 'c-1',
      direction: 'inbound',
      queue: 'support',
      since: local('09:01:00'),
    };
    expect(floorView(target.floor, at('09:02:00')).agents['a-1']).toEqual({
      state: 'on_call',
      since: local('09:01:00'),
      call,
    });
    expect(floorView(target.floor, at('09:05:30')).agents['a-1']).toEqual({
      state: 'wrap',
      since: local('09:05:00'),
      call,
    });
    expect(floorView(target.floor, at('09:07:00')).agents['a-1']).toEqual({
      state: 'available',
      since: local('09:06:00'),
    });
  });

  it('shows an outbound call with its campaign, even when the connect comes before the state', () => {
    const target = live();
    fold(target, [
      state('10:00:00', 'a-2', 'available'),
      connected('10:00:10.000', 'a-2', 'o-1', {
        direction: 'outbound',
        queue: undefined,
        campaign: 'teleapo',
        waitMs: undefined,
      }),
      state('10:00:10.300', 'a-2', 'on_call'),
    ]);
    expect(floorView(target.floor, at('10:01:00')).agents['a-2']?.call).toEqual({
      callId: 'o-1',
      direction: 'outbound',
      campaign: 'teleapo',
      since: local('10:00:10'),
    });
  });

  it('does not show an older call whose wrap never came as the current one', () => {
    const target = live();
    fold(target, [
      connected('09:00:00', 'a-1', 'lost'), // its wrap was never sent
      state('09:00:00', 'a-1', 'on_call'),
      state('09:05:00', 'a-1', 'available'),
      state('09:10:00', 'a-1', 'on_call'), // a call the source did not report
    ]);
    expect(floorView(target.floor, at('09:11:00')).agents['a-1']).toEqual({
      state: 'on_call',
      since: local('09:10:00'),
    });
  });

  it('shows in each scope only the agents its state events name', () => {
    const target = live();
    fold(target, [
      state('09:00:00', 'a-1', 'available', { team: 'blue' }),
      state('09:00:00', 'a-2', 'on_call', { team: 'red' }),
      connected('09:00:00', 'a-2', 'c-9', { team: 'red' }),
    ]);
    const nine = at('09:01:00');
    expect(Object.keys(floorView(target.floor, nine, 'team:blue').agents)).toEqual(['a-1']);
    expect(Object.keys(floorView(target.floor, nine, 'agent:a-2').agents)).toEqual(['a-2']);
    expect(floorView(target.floor, nine, 'agent:a-2').agents['a-2']?.call?.callId).toBe('c-9');
    expect(floorView(target.floor, nine, 'agent:nobody')).toEqual({
      agents: {},
      agentsOmitted: 0,
      abandoned: [],
    });
    // The grid counts what the snapshot's agent tile counts.
    for (const scope of ['tenant', 'team:blue', 'team:red', 'agent:a-2'] as const) {
      const states = Object.values(floorView(target.floor, nine, scope).agents).map((a) => a.state);
      const counts = snapshot(target.projection, nine, scope).live.agents;
      expect(states.length).toBe(Object.values(counts).reduce((n, c) => n + c, 0));
      for (const s of states) expect(counts[s]).toBeGreaterThan(0);
    }
  });

  it('lists at most agentLimit agents and says how many it left out', () => {
    const floor = createFloor(settings, { agentLimit: 2 });
    for (const id of ['a-3', 'a-1', 'a-2', 'a-4'])
      foldFloor(floor, state('09:00:00', id, 'available'));
    const view = floorView(floor, at('09:01:00'));
    expect(Object.keys(view.agents)).toEqual(['a-1', 'a-2']);
    expect(view.agentsOmitted).toBe(2);
  });

  it('keeps an agent id like __proto__ as a plain key', () => {
    const floor = createFloor(settings);
    foldFloor(floor, state('09:00:00', '__proto__', 'break'));
    const view = floorView(floor, at('09:01:00'));
    expect(Object.keys(view.agents)).toEqual(['__proto__']);
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });
});

describe('the floor: recent abandoned calls', () => {
  it('lists today’s, newest first, with the reason and the caller masked', () => {
    const target = live();
    fold(target, [
      abandoned('09:00:00', 'c-1', { attrs: { caller: '090-1234-5678' } }),
      abandoned('09:30:00', 'c-2', { queue: 'orders', waitMs: 3_000, reason: 'empty' }),
      abandoned('09:10:00', 'c-3', { attrs: { caller: 'anonymous' }, reason: 'timeout' }),
    ]);
    const view = floorView(target.floor, at('10:00:00'));
    expect(view.abandoned).toEqual([
      { callId: 'c-2', at: local('09:30:00'), queue: 'orders', waitMs: 3_000, reason: 'empty' },
      { callId: 'c-3', at: local('09:10:00'), queue: 'support', waitMs: 42_000, reason: 'timeout' },
      {
        callId: 'c-1',
        at: local('09:00:00'),
        queue: 'support',
        waitMs: 42_000,
        reason: 'caller_hangup',
        caller: '***-****-5678',
      },
    ]);
    // The full number never reaches a view.
    expect(JSON.stringify(view)).not.toContain('1234');
    expect(floorView(target.floor, at('10:00:00'), 'queue:orders').abandoned).toHaveLength(1);
    expect(floorView(target.floor, at('09:20:00')).abandoned.map((a) => a.callId)).toEqual([
      'c-3',
      'c-1',
    ]);
  });

  it('starts empty at local midnight', () => {
    const target = live();
    fold(target, [abandoned('23:59:00', 'late-night')]);
    expect(floorView(target.floor, at('23:59:30')).abandoned).toHaveLength(1);
    const tomorrow = Date.parse('2026-11-25T00:00:00+09:00');
    expect(floorView(target.floor, tomorrow).abandoned).toEqual([]);
  });

  it('keeps at most the limit per scope, and a late call lands in its place or not at all', () => {
    const target = live(3);
    const minute = (m: number) => `10:${String(m).padStart(2, '0')}:00`;
    fold(
      target,
      [5, 1, 9, 3, 7].map((m) => abandoned(minute(m), `c-${m}`)),
    );
    const ids = () => floorView(target.floor, at('11:00:00')).abandoned.map((a) => a.callId);
    expect(ids()).toEqual(['c-9', 'c-7', 'c-5']);
    fold(target, [abandoned(minute(8), 'c-8')]); // late, among the newest
    expect(ids()).toEqual(['c-9', 'c-8', 'c-7']);
    fold(target, [abandoned(minute(2), 'c-2')]); // late, older than all kept
    expect(ids()).toEqual(['c-9', 'c-8', 'c-7']);
    for (let m = 10; m < 60; m++) fold(target, [abandoned(minute(m), `c-${m}`)]);
    expect(target.floor.scopes.get('tenant')?.abandoned.size).toBe(3);
    expect(target.floor.scopes.get('queue:support')?.abandoned.size).toBe(3);
    expect(ids()).toEqual(['c-59', 'c-58', 'c-57']);
  });

  it('counts a repeated abandoned call once', () => {
    const target = live();
    const once = abandoned('09:00:00', 'c-1');
    fold(target, [once, once, { ...once }]);
    expect(floorView(target.floor, at('09:01:00')).abandoned).toHaveLength(1);
  });
});

describe('pruneFloor', () => {
  it('forgets yesterday but keeps each agent’s state and since when', () => {
    const target = live();
    const yesterday = (time: string) => ({ occurredAt: `2026-11-23T${time}+09:00` });
    fold(target, [
      { ...state('00:00:00', 'a-1', 'available'), ...yesterday('08:00:00') },
      { ...state('00:00:00', 'a-1', 'available'), ...yesterday('12:00:00') },
      { ...state('00:00:00', 'a-1', 'available'), ...yesterday('18:00:00') },
      { ...connected('00:00:00', 'a-1', 'old-1'), ...yesterday('10:00:00') },
      { ...wrapped('00:00:00', 'a-1', 'old-1'), ...yesterday('10:05:00') },
      { ...connected('00:00:00', 'a-1', 'old-2'), ...yesterday('12:00:00') },
      { ...wrapped('00:00:00', 'a-1', 'old-2'), ...yesterday('12:05:00') },
      { ...abandoned('00:00:00', 'old-abandon'), ...yesterday('12:00:00') },
      state('09:00:00', 'a-2', 'break'),
      abandoned('09:00:00', 'c-1'),
    ]);
    const view = floorView(target.floor, at('10:00:00'));
    const horizon = Date.parse('2026-11-24T00:00:00+09:00');
    prune(target.projection, horizon);
    pruneFloor(target.floor, horizon);
    expect(floorView(target.floor, at('10:00:00'))).toEqual(view);
    expect(view.agents['a-1']?.since).toBe('2026-11-23T08:00:00.000+09:00');
    // The last call before the horizon stays (it may run past it); older ones go.
    expect(target.floor.calls.get('a-1')?.size).toBe(1);
    expect(target.floor.scopes.get('tenant')?.abandoned.size).toBe(1);
    expect(target.floor.scopes.get('tenant')?.agents.get('a-1')?.size).toBe(2);
  });

  it('keeps when a busy agent was last idle, so an older call does not come back as current', () => {
    // Found by floor.property.spec: a call, then a logout and wrap-up in yesterday's last
    // millisecond. The call was connected before the logout, so it is not the wrap-up's.
    const target = live();
    const lastMs = (time: string) => ({ occurredAt: `2026-11-23T23:59:59.${time}+09:00` });
    fold(target, [
      { ...connected('00:00:00', 'a-1', 'old-1'), ...lastMs('998') },
      { ...state('00:00:00', 'a-1', 'logged_out'), ...lastMs('999') },
      { ...state('00:00:00', 'a-1', 'wrap'), ...lastMs('999') },
    ]);
    const view = floorView(target.floor, at('00:57:00'));
    expect(view.agents['a-1']).toEqual({ state: 'wrap', since: '2026-11-23T23:59:59.999+09:00' });
    const horizon = Date.parse('2026-11-24T00:00:00+09:00');
    prune(target.projection, horizon);
    pruneFloor(target.floor, horizon);
    expect(floorView(target.floor, at('00:57:00'))).toEqual(view);
  });
});

const offered = (time: string, callId: string, caller: string | undefined, extra = {}) =>
  event({
    type: 'call.offered',
    time,
    callId,
    direction: 'inbound',
    queue: 'sales',
    ...(caller !== undefined ? { attrs: { caller } } : {}),
    ...extra,
  });
const dialed = (time: string, callId: string, number: string | undefined, extra = {}) =>
  event({
    type: 'call.dialed',
    time,
    callId,
    direction: 'outbound',
    campaign: 'callbacks',
    ...(number !== undefined ? { attrs: { caller: number } } : {}),
    ...extra,
  });
const marks = (view: { abandoned: readonly object[] }) =>
  view.abandoned.map((a) => {
    const { callId, rangAgainAt, calledBackAt } = a as Record<string, string | undefined>;
    return { callId, rangAgainAt, calledBackAt };
  });

describe('the floor: abandoned callers who rang again or were called back', () => {
  it('marks the first later ring and dial of the same number, whatever its format or scope', () => {
    const target = live();
    const events = [
      offered('08:59:18', 'c-1', '090-1234-5678', { queue: 'support' }),
      abandoned('09:00:00', 'c-1', { attrs: { caller: '090-1234-5678' } }),
      // Another number, one digit off: not this caller.
      offered('09:05:00', 'c-9', '090-1234-5679'),
      offered('09:20:00', 'c-2', '09012345678'),
      offered('09:25:00', 'c-3', '090 1234 5678'),
      dialed('09:30:00', 'o-1', '(090) 1234-5678'),
    ];
    fold(target, events);
    expect(marks(floorView(target.floor, at('09:10:00')))).toEqual([
      { callId: 'c-1', rangAgainAt: undefined, calledBackAt: undefined },
    ]);
    expect(marks(floorView(target.floor, at('09:20:00')))).toEqual([
      { callId: 'c-1', rangAgainAt: local('09:20:00'), calledBackAt: undefined },
    ]);
    const view = floorView(target.floor, at('10:00:00'), 'queue:support');
    expect(marks(view)).toEqual([
      { callId: 'c-1', rangAgainAt: local('09:20:00'), calledBackAt: local('09:30:00') },
    ]);
    expect(JSON.stringify(view)).not.toContain('1234');
    // Events in another order give the same marks.
    const reversed = live();
    fold(reversed, [...events].reverse());
    expect(floorView(reversed.floor, at('10:00:00'), 'queue:support')).toEqual(view);
  });

  it('never matches a withheld, anonymous or missing number', () => {
    const target = live();
    fold(target, [
      abandoned('09:00:00', 'c-1', { attrs: { caller: 'anonymous' } }),
      abandoned('09:01:00', 'c-2'),
      abandoned('09:02:00', 'c-3', { attrs: { caller: '<unknown>' } }),
      offered('09:10:00', 'c-4', 'anonymous'),
      offered('09:11:00', 'c-5', undefined),
      offered('09:12:00', 'c-6', '<unknown>'),
      dialed('09:13:00', 'o-1', 'anonymous'),
      dialed('09:14:00', 'o-2', undefined),
    ]);
    expect(marks(floorView(target.floor, at('10:00:00')))).toEqual([
      { callId: 'c-3', rangAgainAt: undefined, calledBackAt: undefined },
      { callId: 'c-2', rangAgainAt: undefined, calledBackAt: undefined },
      { callId: 'c-1', rangAgainAt: undefined, calledBackAt: undefined },
    ]);
  });

  it('takes a second abandon of the number as its ring: when it was offered', () => {
    const target = live();
    fold(target, [
      abandoned('09:00:00', 'c-1', { attrs: { caller: '0311112222' } }),
      // Offered at 09:09:30, abandoned after 30 s: the number rang again at 09:09:30.
      abandoned('09:10:00', 'c-2', { waitMs: 30_000, attrs: { caller: '03-1111-2222' } }),
      offered('09:40:00', 'c-3', '0311112222'),
      dialed('09:45:00', 'o-1', '0311112222'),
    ]);
    expect(marks(floorView(target.floor, at('10:00:00')))).toEqual([
      { callId: 'c-2', rangAgainAt: local('09:40:00'), calledBackAt: local('09:45:00') },
      { callId: 'c-1', rangAgainAt: local('09:09:30'), calledBackAt: local('09:45:00') },
    ]);
  });

  it('counts a call back of the same local day only, and keeps the marks across pruning', () => {
    const target = live();
    const tomorrow = (time: string) => ({ occurredAt: `2026-11-25T${time}+09:00` });
    fold(target, [
      abandoned('23:50:00', 'c-1', { attrs: { caller: '09012345678' } }),
      dialed('23:55:00', 'o-1', '09012345678'),
      abandoned('23:58:00', 'c-2', { attrs: { caller: '08011112222' } }),
      dialed('00:10:00', 'o-2', '08011112222', tomorrow('00:10:00')),
      abandoned('00:20:00', 'c-3', { attrs: { caller: '09012345678' }, ...tomorrow('00:20:00') }),
    ]);
    const beforeMidnight = marks(floorView(target.floor, at('23:59:59')));
    expect(beforeMidnight).toEqual([
      { callId: 'c-2', rangAgainAt: undefined, calledBackAt: undefined },
      { callId: 'c-1', rangAgainAt: undefined, calledBackAt: local('23:55:00') },
    ]);
    // After midnight yesterday's calls are gone, and today's is not marked by yesterday's dial.
    const afterMidnight = Date.parse('2026-11-25T00:30:00+09:00');
    expect(marks(floorView(target.floor, afterMidnight))).toEqual([
      { callId: 'c-3', rangAgainAt: undefined, calledBackAt: undefined },
    ]);
    pruneFloor(target.floor, at('00:00:00'));
    expect(marks(floorView(target.floor, at('23:59:59')))).toEqual(beforeMidnight);
  });
});

const marked = (time: string, callId: string, extra = {}) =>
  event({ type: 'callback.marked', time, callId, source: 'wallboard', ...extra });

describe('the floor: abandoned calls a person marked called back (callback.marked)', () => {
  it('marks the call by its id, number or none, the first mark and dial winning', () => {
    const target = live();
    fold(target, [
      abandoned('09:00:00', 'c-1', { attrs: { caller: '090-1234-5678' } }),
      abandoned('09:01:00', 'c-2'),
      marked('09:20:00', 'c-2'),
      // A second mark of the same call (another id) does not move the first.
      marked('09:40:00', 'c-2', { id: 'mark-again' }),
      dialed('09:30:00', 'o-1', '09012345678'),
      marked('09:35:00', 'c-1'),
    ]);
    expect(marks(floorView(target.floor, at('09:10:00')))).toEqual([
      { callId: 'c-2', rangAgainAt: undefined, calledBackAt: undefined },
      { callId: 'c-1', rangAgainAt: undefined, calledBackAt: undefined },
    ]);
    expect(marks(floorView(target.floor, at('10:00:00'), 'queue:support'))).toEqual([
      { callId: 'c-2', rangAgainAt: undefined, calledBackAt: local('09:20:00') },
      { callId: 'c-1', rangAgainAt: undefined, calledBackAt: local('09:30:00') },
    ]);
  });

  it('counts in no KPI and forgets marks before the horizon', () => {
    const target = live();
    fold(target, [abandoned('09:00:00', 'c-1')]);
    const before = snapshot(target.projection, at('10:00:00'));
    fold(target, [marked('09:05:00', 'c-1')]);
    expect(snapshot(target.projection, at('10:00:00'))).toEqual(before);
    pruneFloor(target.floor, at('09:06:00'));
    expect(target.floor.callBackMarks.size).toBe(0);
  });
});
