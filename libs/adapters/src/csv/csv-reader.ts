/**
 * RFC 4180 CSV, read incrementally so a large file streams: quoted fields may hold the
 * delimiter, doubled quotes and line breaks; records end with CRLF or LF; a leading BOM is
 * dropped. `push` returns the records completed by a chunk; `end` flushes the last one.
 */
export class CsvReader {
  private field = '';
  private record: string[] = [];
  private quoted = false;
  /** After a closing quote: only the delimiter, a line break or another quote may follow. */
  private afterQuote = false;
  private started = false;
  private pendingCr = false;

  constructor(private readonly delimiter = ',') {}

  push(chunk: string): string[][] {
    const out: string[][] = [];
    let text = chunk;
    if (!this.started) {
      text = text.replace(/^\uFEFF/, '');
      this.started = text.length > 0;
    }
    for (const ch of text) {
      if (this.pendingCr) {
        this.pendingCr = false;
        if (ch === '\n') continue;
      }
      if (this.quoted) {
        if (ch === '"') {
          this.quoted = false;
          this.afterQuote = true;
        } else this.field += ch;
        continue;
      }
      if (ch === '"') {
        // `""` inside a quoted field (closed then re-opened) is one quote.
        if (this.afterQuote) this.field += '"';
        this.quoted = true;
        this.afterQuote = false;
      } else if (ch === this.delimiter) {
        this.endField();
      } else if (ch === '\n' || ch === '\r') {
        this.pendingCr = ch === '\r';
        this.endRecord(out);
      } else {
        this.field += ch;
        this.afterQuote = false;
      }
    }
    return out;
  }

  end(): string[][] {
    const out: string[][] = [];
    if (this.field !== '' || this.record.length > 0 || this.quoted) this.endRecord(out);
    return out;
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = '';
    this.afterQuote = false;
  }

  private endRecord(out: string[][]): void {
    this.endField();
    const record = this.record;
    this.record = [];
    this.quoted = false;
    if (record.length === 1 && record[0] === '') return; // a blank line
    out.push(record);
  }
}

/** Reads a whole CSV text. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const reader = new CsvReader(delimiter);
  return [...reader.push(text), ...reader.end()];
}
