import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fold } from '../common/testing';
import { frameOf } from './frame';
import { stepAmi } from './map-frame';
import { initialAmiState } from './state';

/**
 * An AMI stream of a test Asterisk recorded by cacofonisk (tests/fixtures/adapters/asterisk-ami,
 * with where it came from): one JSON object of headers per event, as its recorder keeps them.
 * The recorder kept only the events cacofonisk handles, so the caller's QueueCallerJoin is not
 * in it — as with an `eventfilter` in manager.conf that lets only some queue events through.
 */
const file = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'tests',
  'fixtures',
  'adapters',
  'asterisk-ami',
  'cacofonisk-queue-a-cancel.json',
);
const recorded = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>[];
// `content` is the recorder's (a command's output), not a header.
const frames = recorded.map((headers) =>
  frameOf(
    Object.entries(headers)
      .filter(([key]) => key !== 'content')
      .map(([key, value]) => `${key}: ${value}`),
  ),
);
/** No Timestamp headers: event n is taken to arrive n s after the caller's Uniqueid time. */
const T0 = Date.UTC(2020, 2, 27, 14, 15, 45);
const CALL = '40a7a1f2a669-1585318545.326';

describe('cacofonisk’s capture: a caller leaves the queue while a member’s phone rings', () => {
  const { events, rejects } = fold(
    initialAmiState,
    frames.map((frame, n) => ({ frame, n })),
    (state, { frame, n }) => stepAmi(state, frame, T0 + n * 1000),
  );

  it('reads all 35 events without a reject; only QueueCallerAbandon is a queue event', () => {
    expect(frames).toHaveLength(35);
    expect(rejects).toEqual([]);
  });

  it('shows the unanswered call, its offer worked out from HoldTime since the join is missing', () => {
    const call = {
      tenant: 'default',
      source: 'asterisk-ami',
      callId: CALL,
      direction: 'inbound',
      queue: '670100-540100',
    };
    expect(events).toEqual([
      {
        ...call,
        id: `asterisk-ami:${CALL}:670100-540100:offered`,
        type: 'call.offered',
        occurredAt: '2020-03-27T14:16:05.000Z', // the abandon (event 31) − HoldTime 11 s
        attrs: { offerInferred: 'true' },
      },
      {
        ...call,
        id: `asterisk-ami:${CALL}:670100-540100:abandoned`,
        type: 'call.abandoned',
        occurredAt: '2020-03-27T14:16:16.000Z',
        waitMs: 11_000,
        // Its HangupRequest is not in the capture, nor the join: Asterisk tells nothing more.
        reason: 'caller_hangup',
        attrs: { caller: '+31150010001' },
      },
    ]);
  });
});
