import { z } from 'zod';
import type { QueueLogState } from '@mieruka/adapters';
import { readJson, writeJsonAtomically } from './json-file';
import {
  queueLogStateFromJson,
  queueLogStateJson,
  queueLogStateToJson,
} from './queue-log-state-json';

/**
 * Where the queue_log tailer stopped: the file (device + inode, so a rotation is
 * recognised), the byte offset after the last line whose events the store took, and the
 * mapper's state at that point, so that a restart continues exactly there — nothing
 * skipped, nothing repeated.
 */
export interface QueueLogPosition {
  readonly path: string;
  readonly dev: number;
  readonly ino: number;
  readonly offset: number;
  readonly state: QueueLogState;
}

const positionFile = z.object({
  version: z.literal(1),
  path: z.string(),
  dev: z.number(),
  ino: z.number(),
  offset: z.number().int().min(0),
  state: queueLogStateJson,
});

/** Reads a position file; undefined when there is none. Throws when it cannot be read. */
export async function loadPosition(file: string): Promise<QueueLogPosition | undefined> {
  const json = await readJson(file);
  if (json === undefined) return undefined;
  const parsed = positionFile.safeParse(json);
  if (!parsed.success) throw new Error(`${file}: not a queue_log position file`);
  return { ...parsed.data, state: queueLogStateFromJson(parsed.data.state) };
}

export async function savePosition(file: string, position: QueueLogPosition): Promise<void> {
  await writeJsonAtomically(file, {
    version: 1,
    ...position,
    state: queueLogStateToJson(position.state),
  });
}
