import { batchToken, eventMessage, messageItem, messageLabel, retryDelay } from './kafka-message';
import type { CallEvent } from '@mieruka/contracts';

describe('kafka messages', () => {
  it('keys an event by its tenant and carries it as JSON', () => {
    const event = { id: 'e1', tenant: 'osaka', type: 'call.offered' } as unknown as CallEvent;
    expect(eventMessage(event)).toEqual({ key: 'osaka', value: JSON.stringify(event) });
  });

  it.each([
    ['{"id":"e1"}', { kind: 'value', value: { id: 'e1' }, bytes: 11 }],
    [
      'not json',
      {
        kind: 'unparsable',
        text: 'not json',
        reason: expect.stringMatching(/^message: not valid JSON \(.+\)$/),
      },
    ],
  ])('reads %j as an ingest item', (text, item) => {
    expect(messageItem(Buffer.from(text))).toEqual(item);
  });

  it('answers a tombstone and bytes that are not UTF-8 instead of throwing', () => {
    expect(messageItem(null)).toEqual({
      kind: 'unparsable',
      text: '',
      reason: 'message: no value (a tombstone)',
    });
    expect(messageItem(Buffer.from([0xff, 0xfe, 0x41]))).toEqual({
      kind: 'unparsable',
      text: '//5B',
      reason: 'message: not UTF-8 text (payload kept as base64)',
    });
  });

  it('names a batch and a message by topic, partition and offsets', () => {
    expect(batchToken('mieruka.events', 2, '100', '199')).toBe('mieruka.events:2:100-199');
    expect(messageLabel('mieruka.events', 2, '150')).toBe('mieruka.events/2@150');
  });

  it.each([
    [1, 500],
    [2, 1000],
    [3, 2000],
    [6, 15_000],
    [40, 15_000],
  ])('backs off attempt %i by %i ms', (attempt, delay) => {
    expect(retryDelay(attempt, 500, 15_000)).toBe(delay);
  });
});
