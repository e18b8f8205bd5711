const TAB = 0x09;
const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;
const CAPITAL_N = 0x4e;
/** The most UTF-8 bytes one UTF-16 code unit can take. */
const MAX_BYTES_PER_UNIT = 3;

/** What TabSeparated escapes inside a value: the backslash, the separators and \r. */
const SPECIAL = /[\\\t\n\r]/;
const SPECIALS = /[\\\t\n\r]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/**
 * Rows of ClickHouse's TabSeparated format, written cell by cell straight into one growing
 * buffer. Each cell goes in followed by a tab; `endRow` turns the last tab into the row's
 * newline. Building each row as a template string first cost two to three times as much
 * (docs/benchmarks.md): V8 joins the pieces as a tree of strings that is flattened again to
 * be measured and copied.
 */
export class TabSeparatedWriter {
  private buffer: Buffer;
  private at = 0;

  constructor(expectedBytes: number) {
    this.buffer = Buffer.allocUnsafe(Math.max(expectedBytes, 1024));
  }

  /** Bytes written so far: where the next row starts. */
  get length(): number {
    return this.at;
  }

  /** Free text, escaped where it must be; an empty cell for anything but a string. */
  text(value: unknown): void {
    if (typeof value !== 'string') return this.cell('');
    // Most values have nothing to escape; testing first skips building a copy of each.
    this.cell(SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ESCAPES[c]!) : value);
  }

  /**
   * A value that cannot hold a backslash, tab or newline (ids and enumerations the event
   * schema limits to plain characters, times); an empty cell for anything but a string.
   */
  plain(value: unknown): void {
    this.cell(typeof value === 'string' ? value : '');
  }

  /** A number, or NULL for anything else. */
  number(value: unknown): void {
    this.nullable(typeof value === 'number' ? String(value) : undefined);
  }

  /** A value already in its column's text form (never escaped), or NULL when absent. */
  nullable(value: string | undefined): void {
    if (value !== undefined) return this.cell(value);
    this.room(3);
    this.buffer[this.at++] = BACKSLASH;
    this.buffer[this.at++] = CAPITAL_N;
    this.buffer[this.at++] = TAB;
  }

  /** Ends the row: its last cell's tab becomes a newline. */
  endRow(): void {
    this.buffer[this.at - 1] = NEWLINE;
  }

  /** The rows written, as one buffer (a view of the writer's own: write nothing after). */
  finish(): Buffer {
    return this.buffer.subarray(0, this.at);
  }

  /** The value's bytes, then the tab that ends a cell. */
  private cell(value: string): void {
    this.room(value.length * MAX_BYTES_PER_UNIT + 1);
    if (value.length > 0) this.at += this.buffer.write(value, this.at);
    this.buffer[this.at++] = TAB;
  }

  /** Makes room for `bytes` more, doubling the buffer when it is short. */
  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }
}
