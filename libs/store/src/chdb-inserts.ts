import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createChdbConnection } from 'chdb/connection';
import type { TabSeparatedInsert } from './client';

/**
 * From this size on, rows reach chDB through a file in the spool folder, read by the `file()`
 * table function: chDB parses rows handed over inline (its raw insert) at about 55 MB/s of
 * CPU, and the same rows from a file at about 90 MB/s (400k events: 7.4 against 4.4 µs of CPU
 * per event, docs/benchmarks.md). A file costs a few milliseconds of its own, which outweighs
 * that below about a thousand rows; an HTTP request's few events stay inline.
 */
export const FILE_INSERT_MIN_BYTES = 1024 * 1024;

/** What `file()` reads as a pattern, not as part of a name. */
const GLOB = /[*?{}]/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

type Connection = ReturnType<typeof createChdbConnection>;

/** Spool folders this process has prepared, and the files it has written (their names). */
const prepared = new Set<string>();
let filesWritten = 0;

/**
 * The inserts of one chDB store, and the files it hands chDB to read. chDB runs one statement
 * at a time per connection: behind an insert of 13k events, an id check waited 135 ms instead
 * of taking 35, and a second insert waited for the first. Connections to the same folder run
 * side by side, so each insert under way gets one of its own (opened when first needed, then
 * reused).
 */
export class ChdbInserts {
  private readonly writers: { connection: Connection; inserts: number }[] = [];
  /** Where files for chDB to read go; undefined when `file()` could not name the folder. */
  private readonly spool: string | undefined;

  /**
   * @param path chDB's data folder.
   * @param spoolRoot Where each process keeps a folder for the files chDB reads.
   */
  constructor(
    private readonly path: string,
    spoolRoot: string,
  ) {
    // A folder whose path holds *, ?, { or } cannot be spelled to file(): such a store
    // inserts everything inline, as it did before.
    if (!GLOB.test(spoolRoot)) this.spool = prepareSpool(spoolRoot);
  }

  /** Whether `withFile` can be used: the spool folder is one file() can name. */
  get spools(): boolean {
    return this.spool !== undefined;
  }

  async insert(insert: TabSeparatedInsert): Promise<void> {
    let writer = this.writers.find((w) => w.inserts === 0);
    if (!writer) {
      writer = { connection: createChdbConnection({ path: this.path }), inserts: 0 };
      this.writers.push(writer);
    }
    writer.inserts += 1;
    const { connection } = writer;
    const { table, columns, data, settings } = insert;
    try {
      if (this.spools && data.length >= FILE_INSERT_MIN_BYTES) {
        await this.withFile(data, (file) =>
          connection.chdb.queryAsync(insertFromFileSql(table, columns, settings ?? {}, file)),
        );
      } else {
        await connection.chdb.rawInsert({
          table,
          columns,
          format: 'TabSeparated',
          values: data,
          ...(settings ? { settings } : {}),
        });
      }
    } finally {
      writer.inserts -= 1;
    }
  }

  /**
   * Runs `use` with `data` in a file of the spool folder, given as an SQL string literal for
   * file(); the file is removed afterwards. Only when `spools`.
   */
  async withFile<T>(data: Buffer | string, use: (file: string) => Promise<T>): Promise<T> {
    if (this.spool === undefined) throw new Error('no spool folder file() can name');
    filesWritten += 1;
    const file = join(this.spool, String(filesWritten));
    await writeFile(file, data);
    try {
      return await use(sqlString(file));
    } finally {
      await rm(file, { force: true });
    }
  }

  async close(): Promise<void> {
    for (const writer of this.writers.splice(0)) await writer.connection.close();
  }
}

/**
 * This process's folder under `root`, emptied when first used. The folders of processes that
 * have ended are removed: an insert cut off by a crash leaves its file behind. A folder per
 * process, so that two processes opening the same data folder never remove each other's files.
 */
function prepareSpool(root: string): string {
  const own = join(root, String(process.pid));
  if (prepared.has(own)) return own;
  mkdirSync(root, { recursive: true });
  for (const name of readdirSync(root)) {
    if (name === String(process.pid) || !isRunning(Number(name))) {
      rmSync(join(root, name), { recursive: true, force: true });
    }
  }
  mkdirSync(own);
  prepared.add(own);
  return own;
}

function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * `INSERT INTO db.t (a, b) SETTINGS k = 'v' SELECT * FROM file('…', 'TabSeparated')` for a
 * file given as a string literal: the file's columns are read as the insert's, in its order.
 * Names come from code, not input; they are checked all the same, and every value is quoted.
 */
export function insertFromFileSql(
  table: string,
  columns: readonly string[],
  settings: Record<string, string>,
  file: string,
): string {
  for (const name of [...table.split('.'), ...columns, ...Object.keys(settings)]) {
    if (!IDENTIFIER.test(name)) throw new Error(`not a plain SQL name: ${JSON.stringify(name)}`);
  }
  const assignments = Object.entries(settings).map(
    ([key, value]) => `${key} = ${sqlString(value)}`,
  );
  return [
    `INSERT INTO ${table} (${columns.join(', ')})`,
    ...(assignments.length > 0 ? [`SETTINGS ${assignments.join(', ')}`] : []),
    `SELECT * FROM file(${file}, 'TabSeparated')`,
  ].join(' ');
}

/** A ClickHouse string literal. */
export function sqlString(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}
