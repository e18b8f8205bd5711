import { z } from 'zod';
import {
  queueLogStateFromJson,
  queueLogStateJson,
  queueLogStateToJson,
} from '../adapters/queue-log-state-json';
import { readJson, writeJsonAtomically } from '../adapters/json-file';
import type { MapperMemory } from './import-mapper';

/**
 * How far `mieruka import` got: the file (device + inode), the byte offset and line number
 * after the last record the API answered for, and the mapper's memory at that point. Written
 * after every answered batch, so a rerun after a failure (or with more lines appended)
 * continues there instead of posting everything again.
 */
export interface ImportPosition {
  readonly dev: number;
  readonly ino: number;
  readonly offset: number;
  readonly line: number;
  readonly memory: MapperMemory;
}

const memory = z.discriminatedUnion('format', [
  z.object({ format: z.literal('queue_log'), state: queueLogStateJson }),
  z.object({ format: z.literal('csv'), columns: z.array(z.string()).optional() }),
  z.object({ format: z.literal('twilio-events') }),
]);
const positionFile = z.object({
  version: z.literal(1),
  dev: z.number(),
  ino: z.number(),
  offset: z.number().int().min(0),
  line: z.number().int().min(0),
  memory,
});

export async function loadImportPosition(file: string): Promise<ImportPosition | undefined> {
  const json = await readJson(file);
  if (json === undefined) return undefined;
  const parsed = positionFile.safeParse(json);
  if (!parsed.success) throw new Error(`${file}: not an import position file (remove it)`);
  const m = parsed.data.memory;
  return {
    ...parsed.data,
    memory:
      m.format === 'queue_log'
        ? { format: 'queue_log', state: queueLogStateFromJson(m.state) }
        : m.format === 'csv'
          ? { format: 'csv', columns: m.columns }
          : m,
  };
}

export async function saveImportPosition(file: string, position: ImportPosition): Promise<void> {
  const m = position.memory;
  await writeJsonAtomically(file, {
    version: 1,
    ...position,
    memory:
      m.format === 'queue_log' ? { format: 'queue_log', state: queueLogStateToJson(m.state) } : m,
  });
}
