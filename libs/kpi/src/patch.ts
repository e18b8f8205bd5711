import type { PatchOp } from '@mieruka/contracts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The values that differ between two JSON snapshots, as [path, new value] pairs at the
 * deepest level where they differ ([path] alone for a removed key, which survives JSON where
 * `undefined` would not; an array that changed length is replaced whole). What a wallboard update carries instead of the whole snapshot.
 */
export function diff(before: unknown, after: unknown, path: (string | number)[] = []): PatchOp[] {
  if (Object.is(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    // Own keys only: `toString` or `__proto__` may be keys of the data, too.
    const ops: PatchOp[] = [];
    for (const key of Object.keys(after)) {
      const old = Object.hasOwn(before, key) ? before[key] : undefined;
      ops.push(...diff(old, after[key], [...path, key]));
    }
    for (const key of Object.keys(before)) {
      if (!Object.hasOwn(after, key)) ops.push([[...path, key]]);
    }
    return ops;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return after.flatMap((item, i) => diff(before[i], item, [...path, i]));
  }
  return [[path, after]];
}

/** A copy of `value` with the patch applied (the input is left as it was). */
export function applyPatch<T>(value: T, patch: readonly PatchOp[]): T {
  let result = structuredClone(value) as unknown;
  for (const op of patch) {
    const [path, next] = op;
    if (path.length === 0) {
      result = structuredClone(next);
      continue;
    }
    let target = result as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (op.length === 1) delete target[last];
    else {
      // defineProperty, not assignment: a key named `__proto__` must stay a plain key.
      Object.defineProperty(target, last, {
        value: structuredClone(next),
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
  }
  return result as T;
}
