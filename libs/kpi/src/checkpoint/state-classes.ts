import { AgentCalls } from '../floor/agent-calls';
import { AgentRuns } from '../floor/agent-runs';
import { CallerContacts } from '../floor/caller-contacts';
import { LeaderTally } from '../floor/leader-tally';
import { MissedRings } from '../floor/missed-rings';
import { RecentAbandoned } from '../floor/recent-abandoned';
import { AgentTimeline } from '../projection/agent-timeline';
import { CallRegistry, OpenCalls } from '../projection/call-progress';
import { ListIndex } from '../projection/list-index';
import { OrderIndex } from '../projection/order-index';
import { ScopeState } from '../projection/scope-state';
import { SeenIds } from '../projection/seen-ids';
import { StringIndex } from '../projection/string-index';
import { bucketSums } from '../projection/sums';

/** A class the live state may hold, and how an instance is made whole again after loading. */
export interface StateClass {
  readonly name: string;
  readonly prototype: object;
  /**
   * Runs on a loaded instance once its prototype is back: for state that is only valid in
   * the process that made it (a hash seeded per process).
   */
  readonly revive?: (instance: object) => void;
}

/**
 * A StringIndex places its keys by a hash seeded per process (see string-index): loaded in
 * another process, its slots are wrong. Rebuilt from its keys in order, through its public
 * API only, so the numbers every other structure holds stay the same.
 */
function reviveStringIndex(instance: object): void {
  const loaded = instance as StringIndex;
  const keys: string[] = new Array<string>(loaded.size);
  for (let n = 0; n < keys.length; n++) keys[n] = loaded.keyOf(n);
  Object.assign(loaded, StringIndex.of(keys));
}

/**
 * Classes of the fold that are not exported (list-index's FirstSeen and TimedCount): their
 * prototypes found on a probe list, named so a renamed class fails loudly here.
 */
function listIndexClasses(): StateClass[] {
  const probe = new ListIndex();
  probe.add(
    {
      id: 'probe',
      tenant: 'probe',
      type: 'list.loaded',
      occurredAt: '1970-01-01T00:00:00.000Z',
      listId: 'l',
      campaign: 'c',
      count: 1,
    } as unknown as Parameters<ListIndex['add']>[0],
    0,
  );
  const found = new Map<string, object>();
  const look = (value: unknown, depth: number): void => {
    if (depth > 4 || typeof value !== 'object' || value === null) return;
    const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
    const name = proto?.constructor?.name;
    if ((name === 'FirstSeen' || name === 'TimedCount') && proto) found.set(name, proto);
    const children = value instanceof Map ? [...value.values()] : Object.values(value);
    for (const child of children) look(child, depth + 1);
  };
  look(probe, 0);
  return ['FirstSeen', 'TimedCount'].map((name) => {
    const prototype = found.get(name);
    if (!prototype) throw new Error(`checkpoint: list-index no longer has a ${name}`);
    return { name, prototype };
  });
}

/** Every class the projection and floor may hold, by name (the order tags refer to). */
export function stateClasses(): readonly StateClass[] {
  const classes: StateClass[] = [
    ...[
      AgentCalls,
      AgentRuns,
      AgentTimeline,
      CallRegistry,
      CallerContacts,
      LeaderTally,
      ListIndex,
      MissedRings,
      OpenCalls,
      OrderIndex,
      RecentAbandoned,
      ScopeState,
      SeenIds,
    ].map((c) => ({ name: c.name, prototype: c.prototype })),
    { name: StringIndex.name, prototype: StringIndex.prototype, revive: reviveStringIndex },
    ...listIndexClasses(),
  ];
  return classes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Module-level objects the state points at by identity (sums share one empty dispositions
 * Map and copy it on first write): a loaded state must point at this process's, not a copy.
 */
export function stateSingletons(): readonly object[] {
  return [bucketSums().dispositions];
}
