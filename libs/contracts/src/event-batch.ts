import { InvalidInput, TooLarge } from './domain-error';

/**
 * Splits a body or file of events — a JSON array, or NDJSON (one object a line) — into items,
 * each still raw. A line that is not JSON becomes an item with its parse error, so it can be
 * rejected by index like any other invalid event instead of failing the whole batch.
 *
 * In two steps, so a server stays responsive: `locateItems` finds where each item lies in one
 * pass and stops at the item limit (a body of millions of `{}` is refused after the limit's
 * worth of it, not parsed whole); `parseItems` parses a range of them, so the caller can let
 * other work run between ranges. `splitEventBatch` does both at once.
 */
export type BatchItem =
  | { readonly kind: 'value'; readonly value: unknown; readonly bytes: number }
  | { readonly kind: 'unparsable'; readonly text: string; readonly reason: string };

export class BatchFormatError extends InvalidInput {
  override readonly name = 'BatchFormatError';
}

/** A body with more items than a request may carry; found before any item is parsed. */
export class BatchTooLargeError extends TooLarge {
  override readonly name = 'BatchTooLargeError';
  constructor(readonly limit: number) {
    super(`body: more than ${limit} events; at most ${limit} per request`);
  }
}

/** Where the items of a body lie. */
export interface LocatedBatch {
  /** The body without its byte-order mark. */
  readonly text: string;
  readonly format: 'array' | 'ndjson';
  /** Offsets [start, end) into `text`, with the line number of an NDJSON item. */
  readonly spans: readonly {
    readonly start: number;
    readonly end: number;
    readonly line: number;
  }[];
}

const encoder = new TextEncoder();

/**
 * An event is at most three levels deep (the event, `items`, an item); this leaves room and
 * stops what would otherwise crash later: JSON.parse takes any depth, but JSON.stringify
 * and validation recurse, and a line nested 5,000 deep overflows the stack.
 */
export const MAX_EVENT_DEPTH = 16;

const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const isBlank = (c: number) => c === SPACE || c === TAB || c === CR || c === LF;
const opens = (c: number) => c === 91 /* [ */ || c === 123; /* { */
const closes = (c: number) => c === 93 /* ] */ || c === 125; /* } */

/** Whether JSON text nests objects and arrays deeper than `limit` (strings are skipped). */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (opens(c)) {
      if (++depth > limit) return true;
    } else if (closes(c)) depth--;
  }
  return false;
}

/**
 * Finds each item of a body without parsing one; more than `maxItems` throws
 * BatchTooLargeError as soon as the next one is found. A JSON array whose structure is
 * broken, or that nests deeper than an event can be, throws BatchFormatError.
 */
export function locateItems(body: string, maxItems = Infinity): LocatedBatch {
  const scanner = new ItemScanner(maxItems);
  scanner.feed(body);
  return scanner.finish();
}

type Span = { start: number; end: number; line: number };

/**
 * `locateItems` a piece at a time, as a body arrives: a reader feeds it each decoded chunk and
 * stops reading once it throws, so a body over the item limit is refused before the rest of
 * it is even received. Offsets are into the concatenation of the chunks fed.
 */
export class ItemScanner {
  private readonly chunks: string[] = [];
  private readonly spans: Span[] = [];
  private offset = 0; // of the chunk being fed
  private format: LocatedBatch['format'] | undefined;
  private previous = 0; // the last character fed
  // NDJSON: the line being read.
  private lineStart = 0;
  private line = 1;
  private lineHasItem = false;
  // A JSON array: where in its structure the scan is.
  private depth = 1;
  private inString = false;
  private escaped = false;
  private start = -1; // of the element being read
  private last = -1; // its last character so far
  private expectElement = false; // after a comma
  private ended = false;

  constructor(private readonly maxItems = Infinity) {}

  feed(chunk: string): void {
    let from = 0;
    if (this.offset === 0 && chunk.charCodeAt(0) === 0xfeff) {
      from = 1;
      this.lineStart = 1;
    }
    this.chunks.push(chunk);
    for (let i = from; i < chunk.length;) {
      if (this.format === undefined) i = this.decide(chunk, i);
      else if (this.format === 'ndjson') i = this.lines(chunk, i);
      else i = this.array(chunk, i);
    }
    if (chunk.length > 0) this.previous = chunk.charCodeAt(chunk.length - 1);
    this.offset += chunk.length;
  }

  /** Everything fed so far. */
  get text(): string {
    return this.chunks.length === 1 ? (this.chunks[0] ?? '') : this.chunks.join('');
  }

  finish(): LocatedBatch {
    const text = this.text;
    if (this.format === 'array' && !this.ended) throw broken('the array does not end');
    if (this.format === 'ndjson' && this.lineHasItem) {
      const end = this.previous === CR ? this.offset - 1 : this.offset;
      this.add({ start: this.lineStart, end, line: this.line });
    }
    return { text, format: this.format ?? 'ndjson', spans: this.spans };
  }

  private add(span: Span): void {
    this.spans.push(span);
  }

  /** An item begins: one past the limit is refused at its first character. */
  private begin(): void {
    if (this.spans.length >= this.maxItems) throw new BatchTooLargeError(this.maxItems);
  }

  /** Before the first character that is not blank: which format the body is. */
  private decide(chunk: string, i: number): number {
    const c = chunk.charCodeAt(i);
    if (c === LF) {
      this.line++;
      this.lineStart = this.offset + i + 1;
      return i + 1;
    }
    if (isBlank(c)) return i + 1;
    this.format = c === 91 ? 'array' : 'ndjson';
    if (this.format === 'array') return i + 1;
    this.begin();
    this.lineHasItem = true;
    return i;
  }

  /** NDJSON from `i`: whole lines at a time, looking only for their first character. */
  private lines(chunk: string, i: number): number {
    const newline = chunk.indexOf('\n', i);
    const end = newline < 0 ? chunk.length : newline;
    if (!this.lineHasItem) {
      let j = i;
      while (j < end && isBlank(chunk.charCodeAt(j))) j++;
      if (j < end) this.begin();
      this.lineHasItem = j < end;
    }
    if (newline < 0) return chunk.length;
    if (this.lineHasItem) {
      const before = newline > 0 ? chunk.charCodeAt(newline - 1) : this.previous;
      const stop = this.offset + newline - (before === CR ? 1 : 0);
      this.add({ start: this.lineStart, end: stop, line: this.line });
    }
    this.line++;
    this.lineStart = this.offset + newline + 1;
    this.lineHasItem = false;
    return newline + 1;
  }

  /** A JSON array from `i`: its elements, from its structure alone. */
  private array(chunk: string, from: number): number {
    for (let i = from; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      const at = this.offset + i;
      if (this.ended) {
        if (!isBlank(c)) throw broken('text after the array');
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        this.last = at;
        continue;
      }
      if (isBlank(c)) continue;
      if (this.depth === 1 && (c === COMMA || c === 93)) {
        if (this.start >= 0) this.add({ start: this.start, end: this.last + 1, line: 0 });
        else if (this.expectElement || c === COMMA) throw broken('an element is missing');
        this.start = -1;
        this.expectElement = c === COMMA;
        if (c === 93) this.ended = true;
        continue;
      }
      // Two values side by side without a comma are one span, refused when it is parsed.
      if (this.depth === 1 && this.start < 0) {
        this.begin();
        this.start = at;
      }
      if (c === QUOTE) this.inString = true;
      else if (opens(c)) {
        if (++this.depth > MAX_EVENT_DEPTH + 1) {
          throw new BatchFormatError(
            `body: nested deeper than an event can be (${MAX_EVENT_DEPTH})`,
          );
        }
      } else if (closes(c)) this.depth--;
      this.last = at;
    }
    return chunk.length;
  }
}

const broken = (why: string) => new BatchFormatError(`body: not valid JSON (${why})`);

/**
 * Parses the items `from` (inclusive) to `to` (exclusive) of a located body. An NDJSON line
 * that is not JSON, or nests too deep, is an unparsable item; an array element that is not
 * JSON breaks the whole body (BatchFormatError), as a JSON array is one document.
 */
export function parseItems(batch: LocatedBatch, from: number, to: number): BatchItem[] {
  const items: BatchItem[] = [];
  for (const { start, end, line } of batch.spans.slice(from, to)) {
    const text = batch.text.slice(start, end);
    if (batch.format === 'array') {
      try {
        // Measured as before arrays were located: the element as JSON, without the layout
        // (indentation, line breaks) the array was written with.
        const value: unknown = JSON.parse(text);
        const bytes = encoder.encode(JSON.stringify(value) ?? '').length;
        items.push({ kind: 'value', value, bytes });
      } catch (error) {
        throw new BatchFormatError(`body: not valid JSON (${(error as Error).message})`);
      }
      continue;
    }
    if (nestsDeeperThan(text, MAX_EVENT_DEPTH)) {
      items.push({
        kind: 'unparsable',
        text,
        reason: `line ${line}: nested deeper than an event can be (${MAX_EVENT_DEPTH})`,
      });
      continue;
    }
    try {
      items.push({ kind: 'value', value: JSON.parse(text), bytes: encoder.encode(text).length });
    } catch (error) {
      items.push({
        kind: 'unparsable',
        text,
        reason: `line ${line}: not valid JSON (${(error as Error).message})`,
      });
    }
  }
  return items;
}

/** Every item of a body at once (files, tests); `maxItems` as in locateItems. */
export function splitEventBatch(text: string, maxItems = Infinity): BatchItem[] {
  const batch = locateItems(text, maxItems);
  return parseItems(batch, 0, batch.spans.length);
}
