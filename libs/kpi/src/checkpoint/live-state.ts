import type { TenantSettings } from '@mieruka/contracts';
import type { FloorState } from '../floor/floor';
import { createProjection, type Projection } from '../projection/projection';
import { FOLD_VERSION } from './fold-version';
import { stateClasses, stateSingletons } from './state-classes';
import { CheckpointRefused, tagGraph, untagGraph, type GraphContext } from './state-graph';

/** A tenant's live state: its projection and the floor fed the same events. */
export interface LiveState {
  readonly projection: Projection;
  readonly floor: FloorState;
}

/** A live state made ready for node:v8's `serialize`: the graph and its tags. */
export interface TaggedState {
  readonly tags: Int32Array;
  readonly root: object;
}

/** Root fields rebuilt from the settings on load rather than stored (time zone helpers). */
const DERIVED_ROOT_FIELDS = ['settings', 'zone', 'days'] as const;

/** The settings' objects in a fixed order (keys sorted): what the state may point into. */
function settingsObjects(settings: TenantSettings): object[] {
  const objects: object[] = [];
  const walk = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    objects.push(value);
    if (Array.isArray(value)) for (const v of value) walk(v);
    else for (const key of Object.keys(value).sort()) walk((value as Record<string, unknown>)[key]);
  };
  walk(settings);
  return objects;
}

function contextOf(settings: TenantSettings): GraphContext {
  return {
    classes: stateClasses(),
    singletons: stateSingletons(),
    shared: settingsObjects(settings),
  };
}

/**
 * The graph of a live state to write out, tagged (see state-graph): the projection without
 * what its settings give (those are not stored; a checkpoint is only loaded with the same
 * settings). Throws CheckpointRefused when the state holds anything it could not restore.
 */
export function tagLiveState(state: LiveState): TaggedState {
  const projection: Record<string, unknown> = { ...state.projection };
  for (const field of DERIVED_ROOT_FIELDS) delete projection[field];
  const root = { foldVersion: FOLD_VERSION, projection, floor: state.floor };
  return { tags: tagGraph(root, contextOf(state.projection.settings)), root };
}

/** The live state of a graph loaded back from `tagLiveState`'s, for the same settings. */
export function untagLiveState(loaded: TaggedState, settings: TenantSettings): LiveState {
  const root = untagGraph(loaded.root, loaded.tags, contextOf(settings)) as {
    foldVersion?: unknown;
    projection?: object;
    floor?: FloorState;
  };
  if (root.foldVersion !== FOLD_VERSION || !root.projection || !root.floor)
    throw new CheckpointRefused('not a state of this fold version');
  const fresh = createProjection(settings);
  const projection = { ...root.projection } as Record<string, unknown>;
  for (const field of DERIVED_ROOT_FIELDS) projection[field] = fresh[field];
  const { floor } = root;
  if (floor.tenant !== settings.tenant.id || floor.timeZone !== settings.tenant.timezone)
    throw new CheckpointRefused('a floor of another tenant or time zone');
  return { projection: projection as unknown as Projection, floor };
}
