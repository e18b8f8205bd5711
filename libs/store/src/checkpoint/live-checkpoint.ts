import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { promisify } from 'node:util';
import { gunzipSync, gzip, gzipSync } from 'node:zlib';
import type { TenantSettings } from '@mieruka/contracts';
import {
  CheckpointRefused,
  FOLD_VERSION,
  tagLiveState,
  untagLiveState,
  type LiveState,
} from '@mieruka/kpi';

/** A checkpoint of one tenant's live state as stored: what to check before loading, and the state. */
export interface Checkpoint {
  readonly tenant: string;
  readonly foldVersion: number;
  /** Of the settings the state was folded with (see settingsHash). */
  readonly settingsHash: string;
  /**
   * An `ingest_seq` (microseconds on the store's arrival clock): every event stored with a
   * smaller one, less the reader's margin, is in the state.
   */
  readonly seq: number;
  readonly takenAt: number;
  /** SHA-256 of `state`, hex. */
  readonly checksum: string;
  /** The gzip of the v8-serialised state. */
  readonly state: Uint8Array;
}

/** JSON with keys sorted, so the same settings always hash alike. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .filter((k) => record[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(record[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A checkpoint folded with other settings is not this one's: the hash tells them apart. */
export function settingsHash(settings: TenantSettings): string {
  return createHash('sha256').update(canonical(settings)).digest('hex');
}

function checksumOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The state's v8 bytes, uncompressed: taken at once, so no event is folded half-way through. */
function serialiseState(state: LiveState): Buffer {
  const tagged = tagLiveState(state);
  try {
    return serialize([tagged.tags, tagged.root]);
  } catch (error) {
    throw new CheckpointRefused(`v8 could not serialise the state: ${(error as Error).message}`);
  }
}

function sealed(
  state: LiveState,
  at: { readonly seq: number; readonly takenAt: number },
  compressed: Uint8Array,
): Checkpoint {
  const { settings } = state.projection;
  return {
    tenant: settings.tenant.id,
    foldVersion: FOLD_VERSION,
    settingsHash: settingsHash(settings),
    seq: at.seq,
    takenAt: at.takenAt,
    checksum: checksumOf(compressed),
    state: compressed,
  };
}

// Level 1: mostly numbers and repeated ids; more would cost time for little.
const GZIP = { level: 1 } as const;
const gzipAsync = promisify(gzip);

/**
 * A checkpoint of a tenant's live state. Synchronous, so no event is folded half-way through;
 * throws CheckpointRefused when the state holds anything it could not restore.
 */
export function takeCheckpoint(
  state: LiveState,
  at: { readonly seq: number; readonly takenAt: number },
): Checkpoint {
  return sealed(state, at, gzipSync(serialiseState(state), GZIP));
}

/**
 * The same checkpoint with only the serialising on the event loop (the state as it is now):
 * the compression runs on libuv's thread pool, which is most of the time a big state takes.
 */
export async function captureCheckpoint(
  state: LiveState,
  at: { readonly seq: number; readonly takenAt: number },
): Promise<Checkpoint> {
  const bytes = serialiseState(state);
  return sealed(state, at, await gzipAsync(bytes, GZIP));
}

/**
 * The live state of a checkpoint, for these settings; throws CheckpointRefused with the
 * reason (another fold version, other settings, a bad checksum, bytes that do not load).
 */
export function restoreCheckpoint(checkpoint: Checkpoint, settings: TenantSettings): LiveState {
  if (checkpoint.foldVersion !== FOLD_VERSION)
    throw new CheckpointRefused(
      `fold version ${checkpoint.foldVersion}, this build folds version ${FOLD_VERSION}`,
    );
  if (checkpoint.tenant !== settings.tenant.id)
    throw new CheckpointRefused(`a checkpoint of tenant ${checkpoint.tenant}`);
  if (checkpoint.settingsHash !== settingsHash(settings))
    throw new CheckpointRefused('taken with other settings');
  if (checksumOf(checkpoint.state) !== checkpoint.checksum)
    throw new CheckpointRefused('checksum mismatch');
  let loaded: unknown;
  try {
    loaded = deserialize(gunzipSync(checkpoint.state));
  } catch (error) {
    throw new CheckpointRefused(`does not load: ${(error as Error).message}`);
  }
  // ArrayBuffer.isView and Array.isArray hold across realms (Jest's included).
  if (!Array.isArray(loaded) || loaded.length !== 2 || !ArrayBuffer.isView(loaded[0]))
    throw new CheckpointRefused('not a checkpoint');
  const [tags, root] = loaded as [Int32Array, object];
  return untagLiveState({ tags, root }, settings);
}
