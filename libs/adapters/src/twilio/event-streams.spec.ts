import { createHash, createHmac } from 'node:crypto';
import {
  parseEventStreamsBody,
  stepEventStreamsBatch,
  taskRouterParams,
  type TwilioCloudEvent,
} from './event-streams';
import { verifyTwilioBodySignature } from './signature';
import { initialTaskRouterState } from './taskrouter';

const cloudEvent = (id: string, payload: Record<string, unknown>): TwilioCloudEvent => {
  const type = `com.twilio.taskrouter.${String(payload.eventtype)}`;
  const data = { payload };
  return { id, type, data, raw: JSON.stringify({ id, type, data }) };
};
const activity = (id: string, at: string, name = 'Available') =>
  cloudEvent(id, {
    eventtype: 'worker.activity.update',
    timestamp: at,
    worker_sid: 'WK1',
    worker_name: 'alice',
    worker_activity_name: name,
  });
const fresh = () => ({ taskRouter: initialTaskRouterState, seen: new Set<string>() });

describe('parseEventStreamsBody', () => {
  it('refuses a body that is not a JSON array of CloudEvents', () => {
    expect(parseEventStreamsBody('CallSid=CA1')).toEqual({
      ok: false,
      reason: 'body: not JSON (Event Streams posts a JSON array of CloudEvents)',
    });
    expect(parseEventStreamsBody('{"id":"EZ1"}')).toEqual({
      ok: false,
      reason: 'body: not a JSON array of CloudEvents',
    });
  });

  it('keeps an element without id, type or data as a reject, the others as events', () => {
    const body = parseEventStreamsBody(
      '[{"id":"EZ1","type":"com.twilio.taskrouter.task.created","data":{}},{"type":"x","data":{}},7]',
    );
    expect(body.ok && body.events.map((e) => e.id)).toEqual(['EZ1']);
    expect(body.ok && body.rejects.map((r) => [r.reason, r.raw])).toEqual([
      ['event 1: a CloudEvent needs id, type and a data object', '{"type":"x","data":{}}'],
      ['event 2: a CloudEvent needs id, type and a data object', '7'],
    ]);
  });
});

describe('taskRouterParams', () => {
  it('gives the payload the callback’s names, time in milliseconds, objects as JSON text', () => {
    const read = taskRouterParams(
      cloudEvent('EZ1', {
        eventtype: 'task.canceled',
        timestamp: '2026-11-24T01:01:40.481Z',
        task_sid: 'WT2',
        task_age: 40,
        task_canceled_reason: 'hangup',
        task_attributes: { from: '+81312340002' },
        task_queue_name: null,
      }),
    );
    expect(read).toEqual({
      params: {
        EventType: 'task.canceled',
        TimestampMs: String(Date.parse('2026-11-24T01:01:40.481Z')),
        TaskSid: 'WT2',
        TaskAge: '40',
        TaskCanceledReason: 'hangup',
        TaskAttributes: '{"from":"+81312340002"}',
      },
    });
  });

  it('names a payload that is missing or has no usable time', () => {
    const noPayload: TwilioCloudEvent = {
      id: 'EZ1',
      type: 'com.twilio.taskrouter.task.created',
      data: {},
      raw: '{}',
    };
    expect(taskRouterParams(noPayload)).toEqual({
      reason: 'com.twilio.taskrouter.task.created: data.payload is missing',
    });
    expect(
      taskRouterParams(cloudEvent('EZ2', { eventtype: 'task.created', timestamp: 'yesterday' })),
    ).toEqual({ reason: 'task.created: payload.timestamp is not a date' });
  });
});

describe('stepEventStreamsBatch', () => {
  it('steps each CloudEvent id once, across deliveries', () => {
    const first = stepEventStreamsBatch(fresh(), [activity('EZ1', '2026-11-24T01:00:00.000Z')]);
    const again = stepEventStreamsBatch(first.state, [
      activity('EZ1', '2026-11-24T01:00:00.000Z'),
      activity('EZ2', '2026-11-24T01:05:00.000Z', 'Break'),
    ]);
    expect(first.events.map((e) => e.type === 'agent.state' && e.state)).toEqual(['available']);
    expect(again.redelivered).toBe(1);
    expect(again.events.map((e) => e.type === 'agent.state' && e.state)).toEqual(['break']);
  });

  it('steps a batch in payload time, whatever order it came in', () => {
    const step = stepEventStreamsBatch(fresh(), [
      activity('EZ2', '2026-11-24T01:05:00.000Z', 'Break'),
      activity('EZ1', '2026-11-24T01:00:00.000Z'),
    ]);
    expect(step.events.map((e) => e.type === 'agent.state' && e.state)).toEqual([
      'available',
      'break',
    ]);
  });

  it('remembers at most the newest ids it is told to', () => {
    const step = stepEventStreamsBatch(
      fresh(),
      ['EZ1', 'EZ2', 'EZ3'].map((id, i) => activity(id, `2026-11-24T01:0${i}:00.000Z`)),
      {},
      2,
    );
    expect([...step.state.seen]).toEqual(['EZ2', 'EZ3']);
  });

  it('keeps a rejected TaskRouter event as the CloudEvent received, with the mapping’s reason', () => {
    const event = cloudEvent('EZ9', {
      eventtype: 'task.exploded',
      timestamp: '2026-11-24T01:00:00.000Z',
      task_sid: 'WT9',
    });
    const step = stepEventStreamsBatch(fresh(), [event]);
    expect(step.rejects).toEqual([
      {
        adapter: 'twilio',
        reason: 'task.exploded: not a TaskRouter event this adapter knows',
        raw: event.raw,
      },
    ]);
  });
});

describe('verifyTwilioBodySignature', () => {
  const token = 'sinktoken0123456789abcdef0123456';
  const body = Buffer.from('[{"id":"EZ1"}]');
  const hash = createHash('sha256').update(body).digest('hex');
  // Twilio's scheme for a JSON body: HMAC-SHA1 of the URL alone, base64.
  const sign = (url: string) => createHmac('sha1', token).update(url).digest('base64');
  const url = `https://wallboard.example.com/api/v1/twilio/event-streams?bodySHA256=${hash}`;

  it('takes a signature over the URL, its body hash matching the body', () => {
    expect(
      verifyTwilioBodySignature({ signature: sign(url), url, body, authTokens: [token] }),
    ).toEqual({ ok: true, tokenIndex: 0 });
    const plain = 'https://wallboard.example.com/api/v1/twilio/event-streams';
    expect(
      verifyTwilioBodySignature({ signature: sign(plain), url: plain, body, authTokens: [token] })
        .ok,
    ).toBe(true);
  });

  it('refuses a body other than the one the URL’s hash names, and a signature under another token', () => {
    expect(
      verifyTwilioBodySignature({
        signature: sign(url),
        url,
        body: Buffer.from('[{"id":"EZ2"}]'),
        authTokens: [token],
      }),
    ).toMatchObject({ ok: false, reason: expect.stringContaining('bodySHA256') });
    expect(
      verifyTwilioBodySignature({ signature: sign(url), url, body, authTokens: ['another'] }).ok,
    ).toBe(false);
  });
});
