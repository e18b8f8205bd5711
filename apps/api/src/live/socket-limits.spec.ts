import { CredentialConnections, MESSAGE_BURST, MessageBudget } from './socket-limits';

describe('MessageBudget', () => {
  it('takes a burst, then ten a second', () => {
    const budget = new MessageBudget(0);
    const burst = Array.from({ length: MESSAGE_BURST + 5 }, () => budget.take(0));
    expect(burst.filter(Boolean)).toHaveLength(MESSAGE_BURST);
    expect(budget.take(50)).toBe(false); // half a message earned
    expect(budget.take(100)).toBe(true); // one
    expect(budget.take(100)).toBe(false);
    expect(Array.from({ length: 50 }, () => budget.take(60_000)).filter(Boolean)).toHaveLength(
      MESSAGE_BURST,
    );
  });
});

describe('CredentialConnections', () => {
  it('admits up to the limit per credential, and one more after a release', () => {
    const connections = new CredentialConnections(20);
    for (let i = 0; i < 20; i++) {
      expect(connections.admit('token:a')).toBe(true);
    }
    expect(connections.admit('token:a')).toBe(false);
    expect(connections.admit('token:b')).toBe(true);
    connections.release('token:a');
    expect(connections.admit('token:a')).toBe(true);
  });
});
