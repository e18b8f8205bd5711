import type { CallEvent } from '@mieruka/contracts';
import { queuedAnswer } from './queued-answer';

const event = (id: string) => ({ id, tenant: 'default' }) as unknown as CallEvent;

describe('queuedAnswer', () => {
  it('accepts the first of each id, answers later copies as duplicates, keeps rejects', () => {
    const { events, response } = queuedAnswer({
      receivedAt: 0,
      valid: [
        { index: 0, event: event('a') },
        { index: 2, event: event('b') },
        { index: 3, event: event('a') },
      ],
      rejected: [{ index: 1, status: 'rejected', reason: 'type: unknown' }],
      deadLetters: [],
    });
    expect(events.map((e) => e.id)).toEqual(['a', 'b']);
    expect(response).toEqual({
      accepted: 2,
      duplicates: 1,
      rejected: 1,
      results: [
        { index: 0, id: 'a', status: 'accepted' },
        { index: 1, status: 'rejected', reason: 'type: unknown' },
        { index: 2, id: 'b', status: 'accepted' },
        { index: 3, id: 'a', status: 'duplicate' },
      ],
    });
  });
});
