import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Logger } from 'pino';
import type { AdapterConfigs, CallEvent } from '@mieruka/contracts';
import {
  initialQueueLogState,
  stepQueueLog,
  type AsteriskOptions,
  type QueueLogState,
  type Reject,
} from '@mieruka/adapters';
import type { AdapterStatus } from './adapter-health';
import { asteriskOptions } from './adapter-settings';
import type { AdapterRunner } from './adapter-settings.service';
import type { AdapterSink } from './adapter-sink';
import { readLines, type FileLine } from './line-reader';
import { loadPosition, savePosition, type QueueLogPosition } from './queue-log-position';

const ADAPTER = 'asterisk-queue-log';
/** Bytes read (and stored as one batch) at a time. */
const CHUNK = 256 * 1024;

interface OpenFile {
  readonly handle: FileHandle;
  readonly dev: number;
  readonly ino: number;
  offset: number;
}

/**
 * Tails Asterisk's queue_log (adapter `asterisk-queue-log`) like `tail -F`: polls for new whole
 * lines, maps them with `stepQueueLog`, and after the store took a batch writes the read
 * position (and the mapper state) to a small JSON file — so a restart resumes exactly there.
 * Rotation by rename: the old file stays open and is read to its end (its last line, even
 * without a newline) before the new file is read from the start; found again by inode after
 * a restart. Truncation in place (copytruncate) starts the file over from byte 0.
 */
export class QueueLogTailer implements AdapterRunner {
  private current: OpenFile | undefined;
  /** The mapper state after the last committed line. */
  private state: QueueLogState = initialQueueLogState;
  /** The position read at start, used when the file is first opened. */
  private saved: QueueLogPosition | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private stopping = false;
  private readonly path: string;
  private readonly options: AsteriskOptions;

  constructor(
    private readonly config: AdapterConfigs['asterisk-queue-log'],
    private readonly deps: {
      readonly sink: AdapterSink;
      readonly status: AdapterStatus;
      readonly logger: Logger;
      /** Where the read position is kept (MIERUKA_QUEUE_LOG_POSITION_FILE). */
      readonly positionFile: string;
    },
  ) {
    this.path = config.file ?? '';
    this.options = asteriskOptions(config, ADAPTER);
  }

  private get status(): AdapterStatus {
    return this.deps.status;
  }

  private get positionFile(): string {
    return this.deps.positionFile;
  }

  private get logger(): Logger {
    return this.deps.logger;
  }

  async start(): Promise<void> {
    this.status.connected = false;
    this.status.details.file = this.path;
    try {
      this.saved = await loadPosition(this.positionFile);
      // Another file than the one the position was saved for: read the new one from the start.
      if (this.saved && this.saved.path !== this.path) this.saved = undefined;
    } catch (error) {
      this.complain(
        `position file unreadable, reading ${this.path} from the start: ${String(error)}`,
      );
    }
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
    await this.current?.handle.close();
    this.current = undefined;
    this.status.connected = false;
  }

  private schedule(delay: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.polling = this.poll().finally(() => {
        this.polling = undefined;
        this.schedule(this.config.pollMs);
      });
    }, delay);
  }

  private async poll(): Promise<void> {
    try {
      this.current ??= await this.openCurrent();
      if (this.current) await this.drain(this.current);
    } catch (error) {
      this.complain(`reading ${this.path}: ${String(error)} (retried at the next poll)`);
    }
  }

  /** Opens the file; the first time, resumes from the saved position. */
  private async openCurrent(): Promise<OpenFile | undefined> {
    const opened = await openFile(this.path);
    this.status.connected = opened !== undefined;
    if (!opened) return undefined;
    const saved = this.saved;
    this.saved = undefined;
    if (saved) {
      this.state = saved.state;
      if (saved.dev === opened.dev && saved.ino === opened.ino) {
        opened.offset = saved.offset;
      } else {
        await this.finishRotated(saved);
      }
    }
    this.note(opened);
    return opened;
  }

  /** After a restart the file had been rotated: read the rest of the old one, if still there. */
  private async finishRotated(saved: QueueLogPosition): Promise<void> {
    const dir = dirname(this.path);
    const base = basename(this.path);
    for (const name of await readdir(dir)) {
      if (!name.startsWith(base) || name === base) continue;
      const old = await openFile(join(dir, name));
      if (!old) continue;
      if (old.dev === saved.dev && old.ino === saved.ino) {
        old.offset = saved.offset;
        this.logger.info({ file: name }, 'finishing the rotated queue_log first');
        try {
          await this.drain(old, true);
        } finally {
          await old.handle.close();
        }
        return;
      }
      await old.handle.close();
    }
    this.complain(
      `${this.path} was rotated while stopped and the old file was not found next to it; lines after byte ${saved.offset} of it are not read`,
    );
  }

  /** Reads and stores every whole line; then, if the path now names a new file, switches. */
  private async drain(file: OpenFile, final = false): Promise<void> {
    for (;;) {
      const { size } = await file.handle.stat();
      if (size < file.offset) {
        this.complain(
          `${this.path} shrank below the read position: truncated, reading it from the start`,
        );
        file.offset = 0;
      }
      const lines = await readLines(file.handle, file.offset, { maxBytes: CHUNK, final });
      if (lines.length > 0) {
        await this.commit(file, lines);
        continue;
      }
      if (final || file !== this.current || this.stopping) return;
      const now = await stat(this.path).catch(() => undefined);
      if (!now || (now.dev === file.dev && now.ino === file.ino)) return;
      // Rotated: the writer moved to a new file, so the old one is complete — read it to the end.
      await this.drain(file, true);
      await file.handle.close();
      this.current = undefined;
      const next = await openFile(this.path);
      if (!next) return;
      this.current = next;
      this.note(next);
      await savePosition(this.positionFile, this.position(next, 0, this.state));
      file = next;
    }
  }

  /** Maps the lines, hands the result to the store, then records the new position. */
  private async commit(file: OpenFile, lines: readonly FileLine[]): Promise<void> {
    const options = this.options;
    let state = this.state;
    const events: CallEvent[] = [];
    const rejects: Reject[] = [];
    for (const line of lines) {
      const step = stepQueueLog(state, line.text, options);
      state = step.state;
      events.push(...step.events);
      rejects.push(...step.rejects);
    }
    const tenant = this.config.tenant;
    const delivered = await this.deps.sink.deliver(ADAPTER, tenant, { events, rejects });
    const offset = lines[lines.length - 1]?.end ?? file.offset;
    await savePosition(this.positionFile, this.position(file, offset, state));
    this.state = state;
    file.offset = offset;
    // Counted once committed, so health never shows events ahead of the saved position.
    if (file === this.current) this.status.details.offset = offset;
    this.status.delivered(delivered);
  }

  private position(file: OpenFile, offset: number, state: QueueLogState): QueueLogPosition {
    return { path: this.path, dev: file.dev, ino: file.ino, offset, state };
  }

  private note(file: OpenFile): void {
    this.status.details.inode = file.ino;
    this.status.details.offset = file.offset;
  }

  private complain(message: string): void {
    this.status.failed(message);
    this.logger.warn(message);
  }
}

async function openFile(path: string): Promise<OpenFile | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const { dev, ino } = await handle.stat();
  return { handle, dev, ino, offset: 0 };
}
