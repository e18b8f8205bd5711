import { open, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { CallEvent, NewDeadLetters } from '@mieruka/contracts';
import { OFFER_INFERRED_ATTR, parseCsvMapping } from '@mieruka/adapters';
import { readLines } from '../adapters/line-reader';
import { csvMapper, queueLogMapper, twilioEventsMapper, type LineMapper } from './import-mapper';
import { postDeadLetters, postEvents } from './import-post';
import { loadImportPosition, saveImportPosition, type ImportPosition } from './import-position';
import { ImportTally, describeSummary } from './import-tally';

interface ImportOptions {
  format: 'csv' | 'queue_log' | 'twilio-events';
  map?: string;
  post?: string;
  key?: string;
  batch: number;
  position?: string;
  restart: boolean;
  tenant: string;
  idPrefix?: string;
  wrapupSeconds: number;
  agentId: Record<string, string>;
}

/** Bytes read at a time: a file of any size streams through in this much memory. */
const CHUNK = 1024 * 1024;

const FORMATS: readonly ImportOptions['format'][] = ['csv', 'queue_log', 'twilio-events'];
const format = (value: string): ImportOptions['format'] => {
  const known = FORMATS.find((f) => f === value);
  if (!known) throw new InvalidArgumentError('expected csv or queue_log (or twilio-events)');
  return known;
};
const whole =
  (min: number) =>
  (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`expected a whole number ≥ ${min}`);
    return n;
  };

export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'backfill a CSV/CDR export, an Asterisk queue_log or Twilio TaskRouter Event resources: print canonical NDJSON, or post it to a running API (resumable)',
    )
    .argument('<file>', 'the file to import')
    .requiredOption('--format <format>', 'csv, queue_log or twilio-events', format)
    .option('--map <file>', 'with --format csv: the mapping file (JSON; see docs/adapters.md)')
    .option('--post <url>', 'post to this API (e.g. http://localhost:3000) instead of printing')
    .option('--key <key>', 'ingest key for --post')
    .option('--batch <n>', 'events per request with --post', whole(1), 1000)
    .option(
      '--position <file>',
      'with --post: where the resume position is kept (default: FILE.import-position.json)',
    )
    .option('--restart', 'with --post: ignore a saved position and read from the start', false)
    .option('--tenant <id>', 'queue_log, twilio-events: tenant of the events', 'default')
    .option(
      '--id-prefix <prefix>',
      "queue_log: event id prefix (set the AMI adapter's MIERUKA_ASTERISK_ID_PREFIX to fill its gaps); twilio-events: `twilio` unless set, as the callbacks",
    )
    .option('--wrapup-seconds <n>', "queue_log: the queues' wrapuptime", whole(0), 0)
    .option(
      '--agent-id <NAME=AGENT>',
      'queue_log, twilio-events: a member, device or worker name (or sid) and the agent it is (repeat it: one person, one agent)',
      (entry: string, all: Record<string, string>) => {
        const at = entry.indexOf('=');
        if (at < 1 || at === entry.length - 1)
          throw new InvalidArgumentError('expected NAME=AGENT');
        return { ...all, [entry.slice(0, at)]: entry.slice(at + 1) };
      },
      {},
    )
    .action(async (file: string, options: ImportOptions) => runImport(file, options));
}

async function runImport(file: string, options: ImportOptions): Promise<void> {
  if (options.post && !options.key)
    throw new Error('--post needs --key (an ingest key of that API)');
  const handle = await open(file, 'r');
  try {
    const { dev, ino, size } = await handle.stat();
    const positionFile = options.position ?? `${resolve(file)}.import-position.json`;
    const saved =
      options.post && !options.restart ? await loadImportPosition(positionFile) : undefined;
    if (saved && (saved.dev !== dev || saved.ino !== ino || saved.offset > size)) {
      throw new Error(
        `${positionFile} was written for another file (or a longer one): rerun with --restart`,
      );
    }
    const mapper = await mapperFor(options, saved);
    const tally = new ImportTally();
    let offset = saved?.offset ?? 0;
    let line = saved?.line ?? 0;
    const firstLine = line + 1;
    /** The last place a record ended: where a rerun may start. */
    let cursor = { offset, line };
    let pending: { events: CallEvent[]; lines: number[]; refused: NewDeadLetters['letters'] } = {
      events: [],
      lines: [],
      refused: [],
    };

    const flush = async () => {
      const batch = pending;
      pending = { events: [], lines: [], refused: [] };
      if (options.post && options.key) {
        if (batch.refused.length > 0)
          await postDeadLetters(options.post, options.key, batch.refused);
        if (batch.events.length > 0)
          tally.answered(await postEvents(options.post, options.key, batch.events), batch.lines);
        const position: ImportPosition = { dev, ino, ...cursor, memory: mapper.memory() };
        await saveImportPosition(positionFile, position);
      } else {
        if (batch.events.length > 0)
          process.stdout.write(batch.events.map((e) => JSON.stringify(e)).join('\n') + '\n');
        tally.accepted += batch.events.length;
      }
      const percent = size > 0 ? Math.floor((cursor.offset / size) * 100) : 100;
      process.stderr.write(
        `\rimport: line ${cursor.line} (${percent}%)  accepted ${tally.accepted}  duplicates ${tally.duplicates}  rejected ${tally.rejected}`,
      );
    };

    for (;;) {
      const lines = await readLines(handle, offset, { maxBytes: CHUNK, final: true });
      if (lines.length === 0) break;
      for (const { text, end } of lines) {
        line += 1;
        const mapped = mapper.map(text);
        for (const reject of mapped.rejects) {
          tally.reject(reject.reason, line);
          pending.refused.push({
            source: reject.adapter,
            reason: `${file} line ${line}: ${reject.reason}`,
            payload: reject.raw.slice(0, 64 * 1024),
            ...(options.format !== 'csv' ? { tenant: options.tenant } : {}),
          });
        }
        for (const event of mapped.events) {
          if (event.type === 'call.offered' && event.attrs?.[OFFER_INFERRED_ATTR] === 'true') {
            tally.inferredOffers += 1;
          }
          pending.events.push(event);
          pending.lines.push(line);
        }
        if (!mapped.boundary) continue;
        cursor = { offset: end, line };
        if (pending.events.length >= options.batch) await flush();
      }
      offset = lines[lines.length - 1]?.end ?? offset;
    }
    const rest = mapper.finish?.();
    for (const reject of rest?.rejects ?? []) {
      tally.reject(reject.reason, line);
      pending.refused.push({
        source: reject.adapter,
        reason: `${file}: ${reject.reason}`,
        payload: reject.raw.slice(0, 64 * 1024),
        tenant: options.tenant,
      });
    }
    for (const event of rest?.events ?? []) {
      pending.events.push(event);
      pending.lines.push(line);
      if (pending.events.length >= options.batch) await flush();
    }
    await flush();
    process.stderr.write('\n');
    const summary = tally.summary(file, firstLine, line);
    process.stderr.write(describeSummary(summary, Boolean(options.post)));
    if (options.post) process.stdout.write(JSON.stringify(summary) + '\n');
  } finally {
    await handle.close();
  }
}

async function mapperFor(
  options: ImportOptions,
  saved: ImportPosition | undefined,
): Promise<LineMapper> {
  if (saved && saved.memory.format !== options.format) {
    throw new Error(
      `the saved position is of a ${saved.memory.format} import: rerun with --restart`,
    );
  }
  if (options.format === 'twilio-events') {
    return twilioEventsMapper({
      tenant: options.tenant,
      ...(options.idPrefix ? { idPrefix: options.idPrefix } : {}),
      agentIds: options.agentId,
    });
  }
  if (options.format === 'queue_log') {
    const state = saved?.memory.format === 'queue_log' ? saved.memory.state : undefined;
    return queueLogMapper(
      {
        tenant: options.tenant,
        idPrefix: options.idPrefix ?? 'asterisk-queue-log',
        wrapupMs: options.wrapupSeconds * 1000,
        agentIds: options.agentId,
      },
      state,
    );
  }
  if (!options.map) throw new Error('--format csv needs --map mapping.json');
  let json: unknown;
  try {
    json = JSON.parse(await readFile(options.map, 'utf8'));
  } catch (error) {
    throw new Error(`${options.map}: ${(error as Error).message}`);
  }
  const check = parseCsvMapping(json);
  if (!check.ok) throw new Error(`${options.map}: ${check.reason}`);
  const columns = saved?.memory.format === 'csv' ? saved.memory.columns : undefined;
  return csvMapper(check.mapping, columns);
}
