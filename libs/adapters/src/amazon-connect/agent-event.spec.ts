import type { CallEvent } from '@mieruka/contracts';
import { fold } from '../common/testing';
import { initialAgentEventState, stepAgentEvent } from './agent-event';
import type { AmazonConnectOptions } from './options';

// Agent event stream records as in the agent event stream data model
// (https://docs.aws.amazon.com/connect/latest/adminguide/agent-event-stream-model.html):
// AgentARN, EventId, EventTimestamp, EventType (LOGIN, LOGOUT, STATE_CHANGE, HEART_BEAT),
// InstanceARN, Version, CurrentAgentSnapshot / PreviousAgentSnapshot {AgentStatus {ARN,
// Name, StartTimestamp, Type}, Configuration {Username, RoutingProfile, …}, Contacts [{ContactId,
// Channel, InitiationMethod, State, StateStartTimestamp, QueueTimestamp, Queue {ARN, Name}}]}.
const ARN = 'arn:aws:connect:ap-northeast-1:123456789012:instance/abc/agent/agent-1';
const at = (s: number) => new Date(Date.UTC(2026, 10, 24, 1, 0, s)).toISOString();
const snapshot = (status: string, contacts: { State: string }[] = [], type?: string) => ({
  AgentStatus: {
    ARN: `arn:status/${status}`,
    Name: status,
    StartTimestamp: at(0),
    ...(type ? { Type: type } : {}),
  },
  Configuration: { Username: 'carol', FirstName: 'Carol', RoutingProfile: { Name: 'Basic' } },
  Contacts: contacts.map((c) => ({
    ContactId: 'c-1',
    Channel: 'VOICE',
    InitiationMethod: 'INBOUND',
    Queue: { ARN: 'arn:q', Name: 'support' },
    ...c,
  })),
});
const event = (
  type: string,
  s: number,
  current: ReturnType<typeof snapshot> | null,
  previous: ReturnType<typeof snapshot> | null = null,
) => ({
  AgentARN: ARN,
  AWSAccountId: '123456789012',
  EventId: `ev-${type}-${s}`,
  EventTimestamp: at(s),
  EventType: type,
  InstanceARN: 'arn:aws:connect:ap-northeast-1:123456789012:instance/abc',
  Version: '2019-05-25',
  CurrentAgentSnapshot: current,
  PreviousAgentSnapshot: previous,
});
const run = (events: Record<string, unknown>[], options: AmazonConnectOptions = {}) =>
  fold(initialAgentEventState, events, (state, e) =>
    stepAgentEvent(state, e, JSON.stringify(e), options),
  );
const states = (events: readonly CallEvent[]) =>
  events.map((e) => {
    if (e.type !== 'agent.state') return e.type;
    return e.reason ? `${e.state}:${e.reason}` : e.state;
  });

describe('stepAgentEvent', () => {
  it('follows an agent through a shift', () => {
    const { events, rejects } = run([
      event('LOGIN', 0, snapshot('Offline', [], 'OFFLINE')),
      event('STATE_CHANGE', 5, snapshot('Available', [], 'ROUTABLE')),
      event('HEART_BEAT', 65, snapshot('Available', [], 'ROUTABLE')),
      event('STATE_CHANGE', 70, snapshot('Available', [{ State: 'CONNECTING' }])),
      event('STATE_CHANGE', 75, snapshot('Available', [{ State: 'CONNECTED' }])),
      event('STATE_CHANGE', 90, snapshot('Available', [{ State: 'CONNECTED_ONHOLD' }])),
      event('STATE_CHANGE', 100, snapshot('Available', [{ State: 'ENDED' }])),
      event('STATE_CHANGE', 130, snapshot('Available')),
      event('STATE_CHANGE', 200, snapshot('Lunch', [], 'CUSTOM')),
      event('HEART_BEAT', 260, snapshot('Lunch', [], 'CUSTOM')),
      event('STATE_CHANGE', 300, snapshot('Training', [], 'CUSTOM')),
      event('STATE_CHANGE', 310, snapshot('AfterContactWork')),
      event('LOGOUT', 400, null, snapshot('Training')),
    ]);
    expect(rejects).toEqual([]);
    expect(states(events)).toEqual([
      'logged_out',
      'available',
      'on_call',
      'wrap',
      'available',
      'break:Lunch',
      'not_ready:Training',
      'wrap',
      'logged_out',
    ]);
    expect(events[0]).toEqual({
      id: `amazon-connect:agent:agent-1:${Date.parse(at(0))}:logged__out`,
      type: 'agent.state',
      occurredAt: at(0),
      tenant: 'default',
      source: 'amazon-connect',
      agentId: 'carol',
      state: 'logged_out',
    });
  });

  it('emits a heartbeat that shows a state change it missed', () => {
    const { events } = run([
      event('STATE_CHANGE', 0, snapshot('Available')),
      event('HEART_BEAT', 60, snapshot('Break')),
    ]);
    expect(states(events)).toEqual(['available', 'break:Break']);
  });

  it('marks each missed contact for the grid’s missed rings, once however many heartbeats repeat it', () => {
    const missed = (id: string, state = 'MISSED') => [{ State: state, ContactId: id }];
    const { events } = run([
      event('STATE_CHANGE', 0, snapshot('Available')),
      event('STATE_CHANGE', 10, snapshot('Available', missed('c-1'))),
      event('HEART_BEAT', 130, snapshot('Available', missed('c-1'))),
      event('STATE_CHANGE', 140, snapshot('Available', missed('c-2', 'REJECTED'))),
    ]);
    expect(
      events.map((e) => e.type === 'agent.state' && [e.state, e.reason, e.attrs?.missedRing]),
    ).toEqual([
      ['available', undefined, undefined],
      ['not_ready', 'missed', 'c-1'],
      ['not_ready', 'rejected', 'c-2'],
    ]);
  });

  it('maps missed contacts, configured break statuses and agent ids', () => {
    const { events } = run(
      [
        event('STATE_CHANGE', 0, snapshot('Available', [{ State: 'MISSED' }])),
        event('STATE_CHANGE', 10, snapshot('Training')),
      ],
      { breakStatuses: ['training'], agentIds: { carol: 'a-3' }, tenant: 'osaka' },
    );
    expect(states(events)).toEqual(['not_ready:missed', 'break:Training']);
    expect(events.map((e) => [e.agentId, e.tenant])).toEqual([
      ['a-3', 'osaka'],
      ['a-3', 'osaka'],
    ]);
  });

  it('falls back to the ARN when no user name is given', () => {
    const bare = { AgentStatus: { Name: 'Available' } };
    const { events } = run([{ ...event('STATE_CHANGE', 0, null), CurrentAgentSnapshot: bare }]);
    expect(events[0]?.agentId).toBe('agent-1');
  });

  it('gives the same id to a redelivered event after a restart', () => {
    const e = event('STATE_CHANGE', 5, snapshot('Available'));
    expect(run([e]).events[0]?.id).toBe(run([e]).events[0]?.id);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'an unknown EventType',
      event('TELEPORT', 0, snapshot('Available')),
      'agent event: unknown EventType "TELEPORT"',
    ],
    [
      'no AgentARN',
      { ...event('LOGIN', 0, snapshot('Available')), AgentARN: undefined },
      'agent event LOGIN: AgentARN is required',
    ],
    [
      'a bad EventTimestamp',
      { ...event('LOGIN', 0, snapshot('Available')), EventTimestamp: 'now' },
      'agent event LOGIN: EventTimestamp is not an ISO 8601 timestamp',
    ],
    [
      'a STATE_CHANGE without a current snapshot',
      event('STATE_CHANGE', 0, null),
      'agent event STATE_CHANGE: CurrentAgentSnapshot is required',
    ],
    [
      'a snapshot without a status',
      event('STATE_CHANGE', 0, { Configuration: { Username: 'carol' } } as never),
      'agent event STATE_CHANGE: CurrentAgentSnapshot.AgentStatus.Name is required',
    ],
  ])('rejects %s with a reason', (_name, e, reason) => {
    const { events, rejects, state } = run([e]);
    expect(events).toEqual([]);
    expect(rejects).toEqual([{ adapter: 'amazon-connect', reason, raw: JSON.stringify(e) }]);
    expect(state).toBe(initialAgentEventState);
  });
});
