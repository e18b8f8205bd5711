import { EslParser, plainEvent, type EslParserOutput } from './esl-parser';

// Framing per mod_event_socket's documentation: `auth/request` greeting, `command/reply`
// answers, and `text/event-plain` events whose Content-Length counts the bytes of a
// URL-encoded header block (values such as `Event-Date-Local: 2025-11-24%2016%3A00%3A00`).
const event = [
  'Event-Name: CUSTOM',
  'Event-Subclass: callcenter%3A%3Ainfo',
  'Event-Date-Timestamp: 1764000000000000',
  'Event-Date-Local: 2025-11-24%2016%3A00%3A00',
  'CC-Queue: support%40default',
  'CC-Action: member-queue-start',
  'CC-Member-CID-Name: %E5%B1%B1%E7%94%B0',
  'CC-Member-Session-UUID: b77c49c2-a732-11df-9438-e7d9456f8886',
  '',
  '',
].join('\n');
const STREAM = [
  'Content-Type: auth/request\n\n',
  'Content-Type: command/reply\nReply-Text: +OK accepted\n\n',
  `Content-Length: ${Buffer.byteLength(event)}\nContent-Type: text/event-plain\n\n${event}`,
  'Content-Type: text/disconnect-notice\nContent-Length: 9\n\nGoodbye\n\n',
].join('');
const BYTES = Buffer.from(STREAM);

const kinds = (out: readonly EslParserOutput[]) =>
  out.map((o) => (o.ok ? o.message.headers['Content-Type'] : o.reason));

describe('EslParser', () => {
  it('reads replies and events, a body by its byte length', () => {
    const out = new EslParser().push(BYTES);
    expect(kinds(out)).toEqual([
      'auth/request',
      'command/reply',
      'text/event-plain',
      'text/disconnect-notice',
    ]);
    const message = out[2]?.ok ? out[2].message : undefined;
    expect(plainEvent(message!)).toEqual({
      'Event-Name': 'CUSTOM',
      'Event-Subclass': 'callcenter::info',
      'Event-Date-Timestamp': '1764000000000000',
      'Event-Date-Local': '2025-11-24 16:00:00',
      'CC-Queue': 'support@default',
      'CC-Action': 'member-queue-start',
      'CC-Member-CID-Name': '山田',
      'CC-Member-Session-UUID': 'b77c49c2-a732-11df-9438-e7d9456f8886',
    });
    expect(out[3]).toEqual({
      ok: true,
      message: {
        headers: { 'Content-Type': 'text/disconnect-notice', 'Content-Length': '9' },
        body: 'Goodbye\n\n',
      },
    });
  });

  it('gives the same messages whatever byte the stream is split at', () => {
    const whole = new EslParser().push(BYTES);
    for (let cut = 1; cut < BYTES.length; cut++) {
      const parser = new EslParser();
      const out = [...parser.push(BYTES.subarray(0, cut)), ...parser.push(BYTES.subarray(cut))];
      expect(out).toEqual(whole);
      expect(parser.pendingBytes).toBe(0);
    }
  });

  it('waits for the rest of a body cut by a disconnect', () => {
    const parser = new EslParser();
    expect(parser.push(BYTES.subarray(0, 120))).toHaveLength(2);
    expect(parser.pendingBytes).toBeGreaterThan(0);
  });

  it('is not an event when the message is a reply', () => {
    expect(
      plainEvent({ headers: { 'Content-Type': 'command/reply' }, body: undefined }),
    ).toBeUndefined();
  });
});
