import type { PatchOp } from '@mieruka/contracts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (v: unknown): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The values that differ between two JSON snapshots, as [path, new value] pairs at the
 * deepest level where they differ (a removed key gets `undefined`; an array that changed
 * length is replaced whole). What a wallboard update carries instead of the whole snapshot.
 */
export function diff(before: unknown, after: unknown, path: (string | number)[] = []): PatchOp[] {
  if (Object.is(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    const ops: PatchOp[] = [];
    for (const key of Object.keys(after))
      ops.push(...diff(before[key], after[key], [...path, key]));
    for (const key of Object.keys(before))
      if (!(key in after)) ops.push([[...path, key], undefined]);
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
  for (const [path, next] of patch) {
    if (path.length === 0) {
      result = structuredClone(next);
      continue;
    }
    let target = result as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string | number, unknown>;
    const last = path[path.length - 1]!;
    if (next === undefined) delete target[last];
    else target[last] = structuredClone(next);
  }
  return result as T;
}
