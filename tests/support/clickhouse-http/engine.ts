import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Session } from 'chdb';
import { fromEngineError } from './exception';
import type { ClickHouseRequest } from './request';

/** What a statement answered: the output bytes in `format`, and what the engine counted. */
export interface EngineResult {
  readonly body: Buffer;
  readonly format: string | undefined;
  readonly readRows: number;
  readonly readBytes: number;
  readonly elapsedSeconds: number;
}

interface NativeResult {
  readonly bytes: Uint8Array;
  readonly elapsed: number;
  readonly rowsRead: number;
  readonly bytesRead: number;
}

/** chdb-node's addon: the one call that takes parameter values as ClickHouse's text, unchanged. */
interface ChdbNative {
  QueryAsyncConnection(
    connection: unknown,
    sql: string,
    format: string,
    params?: Record<string, string>,
  ): Promise<NativeResult>;
}

// chdb's public queryBind re-escapes every string value; a server takes `param_*` text as it
// is and parses it by the placeholder's type. The addon's own call does exactly that.
const load = createRequire(__filename);
const native = (
  load(join(dirname(load.resolve('chdb')), 'dist', 'loader.js')) as { loadNative(): ChdbNative }
).loadNative();

/**
 * ClickHouse (chDB, the same engine in this process) behind the HTTP interface. Every request
 * runs in a session of its own, as a server gives each HTTP request without `session_id` a
 * fresh context: its settings and database never reach the next request.
 */
export class ChdbEngine {
  // Keeps the engine up between requests: with no session open chDB shuts down and the next
  // session starts it again (45 ms instead of 1.5).
  private readonly anchor: Session;
  /** chDB's parameter state is process-wide: two parameterised queries never run at once. */
  private paramChain: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataDir: string) {
    this.anchor = new Session(dataDir);
  }

  async run(request: ClickHouseRequest): Promise<EngineResult> {
    const session = new Session(this.dataDir);
    try {
      const setup = [
        request.database && `USE ${quoteIdentifier(request.database)}`,
        settingsStatement(request.settings),
      ].filter(Boolean);
      if (setup.length > 0) await session.queryAsync(setup.join('; '));
      const format = request.defaultFormat ?? 'TabSeparated';
      const hasParams = Object.keys(request.params).length > 0;
      const execute = () =>
        native.QueryAsyncConnection(
          session.connection,
          request.sql,
          format,
          hasParams ? { ...request.params } : undefined,
        );
      const result = hasParams ? await this.oneAtATime(execute) : await execute();
      return {
        body: Buffer.from(result.bytes),
        format: outputFormat(request.sql) ?? format,
        readRows: result.rowsRead,
        readBytes: result.bytesRead,
        elapsedSeconds: result.elapsed,
      };
    } catch (error) {
      throw fromEngineError(error);
    } finally {
      session.close();
    }
  }

  /** The server's time zone, for `X-ClickHouse-Timezone`. */
  async timezone(): Promise<string> {
    return (await this.anchor.queryAsync('SELECT timezone()', { format: 'TSVRaw' })).text().trim();
  }

  close(): void {
    this.anchor.close();
  }

  private oneAtATime<T>(run: () => Promise<T>): Promise<T> {
    const result = this.paramChain.then(run);
    this.paramChain = result.catch(() => undefined);
    return result;
  }
}

/** One `SET a = 'x', b = 'y'`: a URL value is text, which ClickHouse parses by the setting's type. */
function settingsStatement(settings: Readonly<Record<string, string>>): string | undefined {
  const entries = Object.entries(settings);
  if (entries.length === 0) return undefined;
  return `SET ${entries.map(([name, value]) => `${quoteIdentifier(name)} = ${quoteString(value)}`).join(', ')}`;
}

function quoteIdentifier(name: string): string {
  return `\`${name.replaceAll('\\', '\\\\').replaceAll('`', '\\`')}\``;
}

function quoteString(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** The format a SELECT names at its end (how the client asks for one), if any. */
function outputFormat(sql: string): string | undefined {
  if (/^\s*INSERT\b/i.test(sql)) return undefined;
  return /\bFORMAT\s+([A-Za-z0-9_]+)\s*;?\s*$/i.exec(sql)?.[1];
}
