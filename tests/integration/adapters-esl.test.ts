import { adapterReaches, apiOnScriptedPeer, deadLetters, liveSnapshot } from '../support/adapters';
import type { ScriptedServer, ScriptStep } from '../support/scripted-server';
import type { TestApp } from '../support/test-app';

// A recorded mod_event_socket conversation with mod_callcenter events (values URL-encoded as
// FreeSWITCH sends them; times in epoch seconds, Event-Date-Timestamp in µs). The story, in
// Asia/Tokyo on 2026-11-24, agents 1000, 1001, 1002 of queue support@default:
//   09:59:50 all three log in Available
//   10:00:00 caller s1 joins; 10:00:09 agent 1000 answers it (waited 9 s)
//   10:01:00 caller s2 joins; 10:01:40 s2 hangs up (waited 40 s)
//   10:02:00 agent 1002 goes On Break
//   10:04:09 s1 ends after 240 s of talk; agent 1000 is Idle (wrap-up)
//   10:04:39 agent 1000 Waiting — cut by a drop mid-event, and lost (FreeSWITCH has no replay)
//   reconnect; 10:05:00 caller s3 joins; 10:05:03 agent 1000 answers it (waited 3 s)
//   10:05:30 a dialer's leg to list L-12's lead-82 (dialled 10:05:10) ends USER_BUSY; another
//   leg without the dialer's variables hangs up too (not a campaign's: nothing)
const AT = '2026-11-24T10:07:00.000+09:00';
const T = Date.parse('2026-11-24T10:00:00.000+09:00') / 1000;

function plain(s: number, action: string, fields: Record<string, string | number>): string {
  return message({
    'Event-Name': 'CUSTOM',
    'Event-Subclass': 'callcenter::info',
    'Event-Date-Timestamp': (T + s) * 1_000_000 + 417,
    'CC-Action': action,
    ...fields,
  });
}
/** A leg's CHANNEL_HANGUP_COMPLETE; a dialer's legs carry its mieruka_* channel variables. */
function hangup(s: number, uuid: string, cause: string, variables: Record<string, string>) {
  return message({
    'Event-Name': 'CHANNEL_HANGUP_COMPLETE',
    'Event-Date-Timestamp': (T + s) * 1_000_000,
    'Unique-ID': uuid,
    'Hangup-Cause': cause,
    'Caller-Channel-Created-Time': (T + s - 20) * 1_000_000,
    'Caller-Channel-Answered-Time': 0,
    ...variables,
  });
}
function message(headers: Record<string, string | number>): string {
  const body =
    Object.entries(headers)
      .map(([k, v]) => `${k}: ${encodeURIComponent(String(v))}`)
      .join('\n') + '\n\n';
  return `Content-Length: ${Buffer.byteLength(body)}\nContent-Type: text/event-plain\n\n${body}`;
}
const status = (s: number, agent: string, value: string) =>
  plain(s, 'agent-status-change', { 'CC-Agent': `${agent}@default`, 'CC-Agent-Status': value });
const state = (s: number, agent: string, value: string) =>
  plain(s, 'agent-state-change', { 'CC-Agent': `${agent}@default`, 'CC-Agent-State': value });
const member = (session: string) => ({
  'CC-Queue': 'support@default',
  'CC-Member-Session-UUID': session,
  'CC-Member-CID-Name': '山田 太郎',
});
const bridge = (session: string, agent: string, joined: number, answered: number) => ({
  ...member(session),
  'CC-Agent': `${agent}@default`,
  'CC-Member-Joined-Time': T + joined,
  'CC-Agent-Answered-Time': T + answered,
});

const connect: ScriptStep[] = [
  { send: 'Content-Type: auth/request\n\n' },
  { expect: /^auth ClueCon\n\n/ },
  { send: 'Content-Type: command/reply\nReply-Text: +OK accepted\n\n' },
  { expect: /^event plain CHANNEL_HANGUP_COMPLETE CUSTOM callcenter::info\n\n/ },
  { send: 'Content-Type: command/reply\nReply-Text: +OK event listener enabled plain\n\n' },
];
const cut = state(279, '1000', 'Waiting');

const firstConnection: ScriptStep[] = [
  ...connect,
  { send: status(-10, '1000', 'Available') + status(-10, '1001', 'Available') },
  { send: status(-10, '1002', 'Available') },
  { send: plain(0, 'member-queue-start', member('s1')) },
  { send: state(9, '1000', 'In a queue call') },
  { send: plain(9, 'bridge-agent-start', bridge('s1', '1000', 0, 9)) },
  { send: plain(60, 'member-queue-start', member('s2')) },
  {
    send: plain(100, 'member-queue-end', {
      ...member('s2'),
      'CC-Cause': 'Cancel',
      'CC-Cancel-Reason': 'NONE',
      'CC-Member-Joined-Time': T + 60,
      'CC-Member-Leaving-Time': T + 100,
    }),
  },
  { send: status(120, '1002', 'On Break') },
  // Not a mod_callcenter action: rejected to the dead letters.
  { send: plain(130, 'queue-exploded', member('s9')) },
  {
    send: plain(249, 'bridge-agent-end', {
      ...bridge('s1', '1000', 0, 9),
      'CC-Bridge-Terminated-Time': T + 249,
    }),
  },
  {
    send: plain(249, 'member-queue-end', {
      ...member('s1'),
      'CC-Cause': 'Terminated',
      'CC-Member-Joined-Time': T,
      'CC-Member-Leaving-Time': T + 249,
    }),
  },
  { send: state(249, '1000', 'Idle') },
  { send: cut.slice(0, cut.length - 40) },
  { drop: true },
];

const secondConnection: ScriptStep[] = [
  ...connect,
  { send: plain(300, 'member-queue-start', member('s3')) },
  { send: state(303, '1000', 'In a queue call') },
  { send: plain(303, 'bridge-agent-start', bridge('s3', '1000', 300, 303)) },
  {
    send: hangup(330, 'leg-1', 'USER_BUSY', {
      variable_mieruka_campaign: 'renewal',
      variable_mieruka_list: 'L-12',
      variable_mieruka_entry: 'lead-82',
    }),
  },
  { send: hangup(331, 'leg-2', 'NORMAL_CLEARING', {}) },
];

describe('FreeSWITCH event socket adapter over TCP', () => {
  let fs: ScriptedServer;
  let app: TestApp;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const started = await apiOnScriptedPeer([firstConnection, secondConnection], AT, (port) => ({
      MIERUKA_ESL_URL: `esl://:ClueCon@127.0.0.1:${port}`,
    }));
    ({ peer: fs, app, close } = started);
  });
  afterAll(() => close());

  it('authenticates, subscribes, reconnects after a drop mid-event and shows the hand-worked numbers', async () => {
    // Before the drop: 3 available, s1 offered, 1000 on call, s1 connected, s2 offered,
    // s2 abandoned, 1002 on break, s1 wrapped, 1000 wrap = 11; after: s3 offered, 1000 on
    // call, s3 connected, lead-82 dialed and failed = 5.
    const health = await adapterReaches(
      app,
      'freeswitch',
      (h) => h.accepted + h.duplicates >= 16 && h.rejected >= 1 && fs.finished >= 2,
    );
    expect(health).toMatchObject({ accepted: 16, duplicates: 0, rejected: 1, connected: true });
    expect(health.lastError).toContain('disconnected');
    expect(fs.received).toEqual([
      'auth ClueCon\n\nevent plain CHANNEL_HANGUP_COMPLETE CUSTOM callcenter::info\n\n',
      'auth ClueCon\n\nevent plain CHANNEL_HANGUP_COMPLETE CUSTOM callcenter::info\n\n',
    ]);

    const snapshot = await liveSnapshot(app);
    expect(snapshot.windows.today).toMatchObject({
      offered: 3,
      answered: 2, // after 9 s and 3 s: both within the 20 s service level
      answeredInSL: 2,
      abandoned: 1,
      shortAbandoned: 0,
      wrapped: 1,
      serviceLevel: 2 / 3,
      abandonRate: 1 / 3,
      asaMs: 6000,
      ahtMs: 240_000,
      dialed: 1,
      failedDials: 1,
      dialOutcomes: { busy: 1, connected: 0 },
    });
    expect(snapshot.live).toMatchObject({
      inQueue: 0,
      agents: { available: 1, on_call: 1, wrap: 0, not_ready: 0, break: 1 },
    });
  });

  it('keeps the unknown action as a dead letter under the adapter name', async () => {
    const letters = await deadLetters(app);
    expect(letters.map((l) => [l.source, l.reason])).toEqual([
      ['freeswitch', 'queue-exploded: not a mod_callcenter action this adapter knows'],
    ]);
    expect(letters[0]?.payload).toContain('CC-Member-Session-UUID: s9');
  });
});
