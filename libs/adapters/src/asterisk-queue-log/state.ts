import type { AgentRecord } from './agents';

/** What the queue_log mapper remembers between lines; start with `initialQueueLogState`. */
export interface QueueLogState {
  /** `callid|queue` → when the caller entered the queue (epoch ms), until it leaves. */
  readonly waiting: ReadonlyMap<string, number>;
  /** `callid|queue` → when it was connected (epoch ms), until it completes. */
  readonly talking: ReadonlyMap<string, number>;
  /** callid → the DID FreePBX logged before the call entered a queue. */
  readonly dids: ReadonlyMap<string, string>;
  /** callid → ENTERQUEUE's callerid, until the call leaves the queue (its ABANDON has none). */
  readonly callers: ReadonlyMap<string, string>;
  readonly agents: ReadonlyMap<string, AgentRecord>;
}

export const initialQueueLogState: QueueLogState = {
  waiting: new Map(),
  talking: new Map(),
  dids: new Map(),
  callers: new Map(),
  agents: new Map(),
};

/** Pending entries kept at most (calls that never logged an end are forgotten oldest first). */
export const MAX_PENDING = 10_000;

export function withEntry<K, V>(map: ReadonlyMap<K, V>, key: K, value: V): ReadonlyMap<K, V> {
  const next = new Map(map);
  next.delete(key);
  next.set(key, value);
  while (next.size > MAX_PENDING) {
    const oldest = next.keys().next();
    if (oldest.done) break;
    next.delete(oldest.value);
  }
  return next;
}

export function withoutEntry<K, V>(map: ReadonlyMap<K, V>, key: K): ReadonlyMap<K, V> {
  if (!map.has(key)) return map;
  const next = new Map(map);
  next.delete(key);
  return next;
}
