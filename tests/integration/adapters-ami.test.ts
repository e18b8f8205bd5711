import { adapterReaches, apiOnScriptedPeer, deadLetters, liveSnapshot } from '../support/adapters';
import type { ScriptedServer, ScriptStep } from '../support/scripted-server';
import type { TestApp } from '../support/test-app';

// A recorded Asterisk 20 AMI conversation (timestampevents=yes), trimmed to the fields the
// mapping reads. The story, in the tenant's time (Asia/Tokyo), on 2026-11-24:
//   10:00:00 caller c1 joins `support`; 10:00:12 Alice answers it (waited 12 s)
//   10:00:20 caller c2 joins; 10:00:30 Carol pauses for a break
//   10:00:35 the dialer dials list L-12's lead-82 for `renewal`; 10:00:39 the line is busy
//   10:05:58 caller c3 joins — but the link drops in the middle of that very frame
//   reconnect: QueueStatus lists Alice in a call, Bob free, Carol on break, c2 and c3 waiting
//   10:06:10 Bob answers c2 (waited 350 s); 10:06:30 c3 hangs up after 30 s
//   10:06:40 Alice finishes c1 after 388 s of talk and is free again
// The clock of the API reads 10:07:00, so QueueEntry's `Wait: 62` puts c3's join at 10:05:58.
const AT = '2026-11-24T10:07:00.000+09:00';
const T = Date.parse('2026-11-24T10:00:00.000+09:00') / 1000;

const frame = (...lines: string[]) => lines.join('\r\n') + '\r\n\r\n';
const ts = (s: number) => `Timestamp: ${T + s}.000000`;
const caller = (id: string) => [`Channel: PJSIP/trunk-0000000${id}`, `Uniqueid: ${T}.${id}`];
const member = (name: string, ext: string) => [`MemberName: ${name}`, `Interface: PJSIP/${ext}`];
const queueMember = (s: number, name: string, ext: string, extra: string[]) =>
  frame('Event: QueueMember', ts(s), 'Queue: support', ...member(name, ext), ...extra);

const greeting = { send: 'Asterisk Call Manager/9.0.0\r\n' };
const login: ScriptStep[] = [
  greeting,
  {
    expect:
      /Action: Login\r\nActionID: mieruka-login\r\nUsername: mieruka\r\nSecret: s3cret\r\nEvents: on\r\n\r\n/,
  },
  {
    send: frame('Response: Success', 'ActionID: mieruka-login', 'Message: Authentication accepted'),
  },
  { send: frame('Event: FullyBooted', 'Privilege: system,all', 'Status: Fully Booted') },
  { expect: /Action: QueueStatus\r\nActionID: mieruka-resync-\d+\r\n\r\n/ },
  { send: frame('Response: Success', 'EventList: start', 'Message: Queue status will follow') },
];

const firstConnection: ScriptStep[] = [
  ...login,
  {
    send:
      frame('Event: QueueParams', ts(-10), 'Queue: support', 'Max: 0', 'Calls: 0') +
      queueMember(-10, 'Alice', '1001', ['Status: 1', 'Paused: 0', 'InCall: 0']) +
      queueMember(-10, 'Bob', '1002', ['Status: 1', 'Paused: 0', 'InCall: 0']) +
      queueMember(-10, 'Carol', '1003', ['Status: 1', 'Paused: 0', 'InCall: 0']) +
      frame('Event: QueueStatusComplete', ts(-10), 'EventList: Complete', 'ListItems: 4'),
  },
  {
    send: frame(
      'Event: QueueCallerJoin',
      ts(0),
      ...caller('1'),
      'Queue: support',
      'Position: 1',
      'Count: 1',
    ),
  },
  {
    send: frame(
      'Event: AgentConnect',
      ts(12),
      ...caller('1'),
      'Queue: support',
      ...member('Alice', '1001'),
      'RingTime: 4',
      'HoldTime: 12',
    ),
  },
  {
    send: frame(
      'Event: QueueMemberStatus',
      ts(12),
      'Queue: support',
      ...member('Alice', '1001'),
      'Status: 2',
      'Paused: 0',
      'InCall: 1',
    ),
  },
  {
    send: frame(
      'Event: QueueCallerJoin',
      ts(20),
      ...caller('2'),
      'Queue: support',
      'Position: 1',
      'Count: 1',
    ),
  },
  {
    send: frame(
      'Event: QueueMemberPause',
      ts(30),
      'Queue: support',
      ...member('Carol', '1003'),
      'Status: 1',
      'Paused: 1',
      'PausedReason: break',
      'InCall: 0',
    ),
  },
  // A dialer's dial, its campaign and list entry in channel variables (manager.conf channelvars).
  ...(['DialBegin', 'DialEnd'] as const).map((event, i) => ({
    send: frame(
      `Event: ${event}`,
      ts(i === 0 ? 35 : 39),
      'Channel: Local/0300000082@outbound-dialer-00000001;2',
      `Uniqueid: ${T}.50`,
      'DestChannel: PJSIP/trunk-00000051',
      `DestUniqueid: ${T}.51`,
      'ChanVariable: mieruka_campaign=renewal',
      'ChanVariable: mieruka_list=L-12',
      'ChanVariable: mieruka_entry=lead-82',
      i === 0 ? 'DialString: trunk/0300000082' : 'DialStatus: BUSY',
    ),
  })),
  // A broken frame (HoldTime is not seconds): rejected to the dead letters, nothing else.
  {
    send: frame(
      'Event: AgentConnect',
      ts(40),
      ...caller('9'),
      'Queue: support',
      ...member('Bob', '1002'),
      'HoldTime: soon',
    ),
  },
  // The link drops in the middle of c3's join: the half frame is lost.
  { send: `Event: QueueCallerJoin\r\n${ts(358)}\r\nChannel: PJSIP/trunk-00000003\r\nUniq` },
  { drop: true },
];

const secondConnection: ScriptStep[] = [
  ...login,
  {
    send:
      queueMember(360, 'Alice', '1001', ['Status: 2', 'Paused: 0', 'InCall: 1']) +
      queueMember(360, 'Bob', '1002', ['Status: 1', 'Paused: 0', 'InCall: 0']) +
      queueMember(360, 'Carol', '1003', [
        'Status: 1',
        'Paused: 1',
        'PausedReason: break',
        'InCall: 0',
      ]) +
      frame(
        'Event: QueueEntry',
        ts(360),
        'Queue: support',
        'Position: 1',
        ...caller('2'),
        'Wait: 400',
      ) +
      frame(
        'Event: QueueEntry',
        ts(360),
        'Queue: support',
        'Position: 2',
        ...caller('3'),
        'Wait: 62',
      ) +
      frame('Event: QueueStatusComplete', ts(360), 'EventList: Complete', 'ListItems: 5'),
  },
  {
    send: frame(
      'Event: AgentConnect',
      ts(370),
      ...caller('2'),
      'Queue: support',
      ...member('Bob', '1002'),
      'RingTime: 2',
      'HoldTime: 350',
    ),
  },
  {
    send: frame(
      'Event: QueueMemberStatus',
      ts(370),
      'Queue: support',
      ...member('Bob', '1002'),
      'Status: 2',
      'Paused: 0',
      'InCall: 1',
    ),
  },
  {
    send: frame(
      'Event: QueueCallerAbandon',
      ts(390),
      ...caller('3'),
      'Queue: support',
      'Position: 1',
      'OriginalPosition: 2',
      'HoldTime: 30',
    ),
  },
  {
    send: frame(
      'Event: AgentComplete',
      ts(400),
      ...caller('1'),
      'Queue: support',
      ...member('Alice', '1001'),
      'HoldTime: 12',
      'TalkTime: 388',
      'Reason: caller',
    ),
  },
  {
    send: frame(
      'Event: QueueMemberStatus',
      ts(400),
      'Queue: support',
      ...member('Alice', '1001'),
      'Status: 1',
      'Paused: 0',
      'InCall: 0',
    ),
  },
];

describe('Asterisk AMI adapter over TCP', () => {
  let pbx: ScriptedServer;
  let app: TestApp;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const started = await apiOnScriptedPeer([firstConnection, secondConnection], AT, (port) => ({
      MIERUKA_AMI_URL: `ami://mieruka:s3cret@127.0.0.1:${port}`,
    }));
    ({ peer: pbx, app, close } = started);
  });
  afterAll(() => close());

  it('logs in, resyncs after the drop without counting anything twice, and shows the hand-worked numbers', async () => {
    // 3 members + c1 offered, connected, Alice on call, c2 offered, Carol on break; after the
    // dial of lead-82 and its busy end; after the reconnect: c3 offered (from QueueEntry), c2
    // connected, Bob on call, c3 abandoned, c1 wrapped, Alice available = 16 events; the broken
    // frame is the one reject.
    const health = await adapterReaches(
      app,
      'asterisk-ami',
      (h) => h.accepted + h.duplicates >= 16 && h.rejected >= 1 && h.connected === true,
    );
    expect(health).toMatchObject({ accepted: 16, duplicates: 0, rejected: 1, connected: true });
    expect(health.details).toMatchObject({ resyncs: 2, peer: `127.0.0.1:${pbx.port}` });
    expect(health.errors).toBeGreaterThanOrEqual(1); // the drop
    expect(health.lastError).toContain('disconnected');
    expect(pbx.received).toHaveLength(2);
    for (const sent of pbx.received) {
      expect(sent.match(/Action: Login/g)).toHaveLength(1);
      expect(sent.match(/Action: QueueStatus/g)).toHaveLength(1);
    }

    const snapshot = await liveSnapshot(app);
    expect(snapshot.windows.today).toMatchObject({
      offered: 3,
      answered: 2,
      answeredInSL: 1, // c1 after 12 s; c2 after 350 s
      abandoned: 1,
      shortAbandoned: 0,
      wrapped: 1,
      serviceLevel: 1 / 3, // 1 in SL / (2 answered + 1 abandoned)
      abandonRate: 1 / 3,
      asaMs: 181_000, // (12 s + 350 s) / 2
      ahtMs: 388_000, // 388 s talk, no hold, no wrap-up configured
      dialed: 1,
      failedDials: 1,
      dialOutcomes: { busy: 1, connected: 0 },
    });
    expect(snapshot.live).toMatchObject({
      inQueue: 0,
      agents: { available: 1, on_call: 1, wrap: 0, not_ready: 0, break: 1 },
    });
  });

  it('keeps the broken frame as a dead letter under the adapter name, with the reason', async () => {
    const letters = await deadLetters(app);
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({
      source: 'asterisk-ami',
      tenant: 'default',
      reason: 'AgentConnect: HoldTime is not a whole number of seconds',
    });
    expect(letters[0]?.payload).toContain('HoldTime: soon');
  });
});
