import type { StateClass } from './state-classes';

/**
 * Serialises a graph of live state with node:v8, which keeps Maps, Sets, arrays, typed
 * arrays and shared references (the CallRegistry every scope holds, a fact filed in several
 * buckets) but not prototypes. So a walk tags each class instance beside the graph, by the
 * order the walk first meets it, and the same walk over the loaded graph gives the
 * prototypes back. Objects that belong to this process rather than to the state — the
 * tenant's settings, module-level singletons — are tagged too and swapped for the loading
 * process's own. Anything else the walk cannot vouch for (a function, a symbol, an instance
 * of a class not listed, such as an Intl object) refuses the whole checkpoint.
 *
 * Tags are pairs (visit number, code): a code below SINGLETON is a class in `classes`, from
 * SINGLETON a singleton, from SHARED an object of the shared list (the settings' objects).
 * Visit numbers stay aligned on both sides because both walks follow the same rule: an object
 * with no object inside it is counted at every meeting (so no set remembers the day's
 * million facts), anything else once.
 */

const SINGLETON = 1 << 20;
const SHARED = 1 << 21;

export class CheckpointRefused extends Error {
  override readonly name = 'CheckpointRefused';
}

export interface GraphContext {
  readonly classes: readonly StateClass[];
  readonly singletons: readonly object[];
  /** Objects of this process the state may point at (the settings' objects, in a fixed order). */
  readonly shared: readonly object[];
}

/**
 * Built-in containers v8 restores as they were: an Object.prototype, array, Map, Set or Date
 * of any realm (a state restored under Jest holds Node's own).
 */
function isBuiltin(value: object, proto: object | null): boolean {
  if (proto === null) return false;
  if (Array.isArray(value) || types.isMap(value) || types.isSet(value) || types.isDate(value))
    return true;
  return Object.getPrototypeOf(proto) === null && typeof proto.constructor === 'function'
    ? proto.constructor.name === 'Object'
    : false;
}

// Checks that hold across realms: under Jest, node:v8 builds loaded objects in Node's own.
function isTypedArray(value: object): boolean {
  return ArrayBuffer.isView(value);
}

const kindOf = (value: object): string => Object.prototype.toString.call(value);
const types = {
  isMap: (value: object): value is Map<unknown, unknown> => kindOf(value) === '[object Map]',
  isSet: (value: object): value is Set<unknown> => kindOf(value) === '[object Set]',
  isDate: (value: object): boolean => kindOf(value) === '[object Date]',
};

/** Whether any value held directly by a plain object or array is an object. */
function holdsObjects(value: object): boolean {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === 'object' && v !== null) return true;
      if (typeof v === 'function') return true;
    }
    return false;
  }
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    if ((typeof v === 'object' && v !== null) || typeof v === 'function') return true;
  }
  return false;
}

/** Tags a graph for v8's `serialize` (the tags go with it); throws CheckpointRefused on what could not be restored. */
export function tagGraph(root: unknown, context: GraphContext): Int32Array {
  const classOf = new Map<object, number>(context.classes.map((c, i) => [c.prototype, i]));
  const singletonOf = new Map<object, number>(context.singletons.map((s, i) => [s, i]));
  const sharedOf = new Map<object, number>(context.shared.map((s, i) => [s, i]));
  const tags: number[] = [];
  const visited = new Set<object>();
  let counter = 0;

  const visit = (value: unknown, where: string): void => {
    if (typeof value === 'function') throw new CheckpointRefused(`a function at ${where}`);
    if (typeof value === 'symbol') throw new CheckpointRefused(`a symbol at ${where}`);
    if (typeof value !== 'object' || value === null) return;
    if (visited.has(value)) return;
    const n = counter++;
    const singleton = singletonOf.get(value);
    if (singleton !== undefined) {
      tags.push(n, SINGLETON + singleton);
      return;
    }
    const shared = sharedOf.get(value);
    if (shared !== undefined) {
      tags.push(n, SHARED + shared);
      return;
    }
    if (isTypedArray(value)) return;
    const proto = Object.getPrototypeOf(value) as object | null;
    const cls = proto === null ? undefined : classOf.get(proto);
    if (cls !== undefined) {
      tags.push(n, cls);
      const keys = Object.keys(value);
      if (Object.getOwnPropertyNames(value).length !== keys.length)
        throw new CheckpointRefused(`hidden properties in a ${context.classes[cls]!.name}`);
      if (Object.getOwnPropertySymbols(value).length > 0)
        throw new CheckpointRefused(`symbol keys in a ${context.classes[cls]!.name}`);
      visited.add(value);
      for (const key of keys)
        visit((value as Record<string, unknown>)[key], `${context.classes[cls]!.name}.${key}`);
      return;
    }
    if (!isBuiltin(value, proto)) {
      const name = (proto as { constructor?: { name?: string } } | null)?.constructor?.name;
      throw new CheckpointRefused(`an instance of ${name ?? 'an unknown class'} at ${where}`);
    }
    if (types.isMap(value)) {
      visited.add(value);
      for (const [key, v] of value) {
        if (typeof key === 'object' && key !== null && (singletonOf.has(key) || sharedOf.has(key)))
          throw new CheckpointRefused(`a shared object as a Map key at ${where}`);
        visit(key, `${where} key`);
        visit(v, `${where} value`);
      }
      return;
    }
    if (types.isSet(value)) {
      visited.add(value);
      for (const v of value) {
        if (typeof v === 'object' && v !== null && (singletonOf.has(v) || sharedOf.has(v)))
          throw new CheckpointRefused(`a shared object in a Set at ${where}`);
        visit(v, `${where} element`);
      }
      return;
    }
    if (types.isDate(value) || !holdsObjects(value)) return;
    visited.add(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) visit(value[i], where);
      return;
    }
    for (const key in value) visit((value as Record<string, unknown>)[key], `${where}.${key}`);
  };

  visit(root, 'root');
  return Int32Array.from(tags);
}

/** Gives a graph loaded by v8's `deserialize` its prototypes and this process's shared objects back; returns the root. */
export function untagGraph(root: unknown, tags: Int32Array, context: GraphContext): unknown {
  const byVisit = new Map<number, number>();
  for (let i = 0; i + 1 < tags.length; i += 2) byVisit.set(tags[i]!, tags[i + 1]!);
  const visited = new Set<object>();
  const revived: { instance: object; revive: (instance: object) => void }[] = [];
  let counter = 0;

  const visit = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    if (visited.has(value)) return value;
    const code = byVisit.get(counter++);
    if (code !== undefined && code >= SHARED) {
      const shared = context.shared[code - SHARED];
      if (!shared) throw new CheckpointRefused('a shared object this process does not have');
      return shared;
    }
    if (code !== undefined && code >= SINGLETON) {
      const singleton = context.singletons[code - SINGLETON];
      if (!singleton) throw new CheckpointRefused('a singleton this process does not have');
      return singleton;
    }
    if (isTypedArray(value)) return value;
    if (code !== undefined) {
      const cls = context.classes[code];
      if (!cls) throw new CheckpointRefused(`an unknown class number ${code}`);
      Object.setPrototypeOf(value, cls.prototype);
      visited.add(value);
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const v = record[key];
        const w = visit(v);
        if (w !== v) record[key] = w;
      }
      if (cls.revive) revived.push({ instance: value, revive: cls.revive });
      return value;
    }
    if (types.isMap(value)) {
      visited.add(value);
      for (const [key, v] of value) {
        visit(key);
        const w = visit(v);
        if (w !== v) value.set(key, w);
      }
      return value;
    }
    if (types.isSet(value)) {
      visited.add(value);
      for (const v of value) visit(v);
      return value;
    }
    if (types.isDate(value) || !holdsObjects(value)) return value;
    visited.add(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        const w = visit(v);
        if (w !== v) value[i] = w;
      }
      return value;
    }
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const v = record[key];
      const w = visit(v);
      if (w !== v) record[key] = w;
    }
    return value;
  };

  const restored = visit(root);
  // After the walk: a revived index is rebuilt from keys that are themselves loaded by now.
  for (const { instance, revive } of revived) revive(instance);
  return restored;
}
