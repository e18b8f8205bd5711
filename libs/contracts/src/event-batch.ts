/**
 * Splits a body or file of events — a JSON array, or NDJSON (one object a line) — into items,
 * each still raw. A line that is not JSON becomes an item with its parse error, so it can be
 * rejected by index like any other invalid event instead of failing the whole batch.
 */
export type BatchItem =
  | { readonly kind: 'value'; readonly value: unknown; readonly bytes: number }
  | { readonly kind: 'unparsable'; readonly text: string; readonly reason: string };

export class BatchFormatError extends Error {
  override readonly name = 'BatchFormatError';
}

const encoder = new TextEncoder();

/**
 * An event is at most three levels deep (the event, `items`, an item); this leaves room and
 * stops what would otherwise crash later: JSON.parse takes any depth, but JSON.stringify
 * and validation recurse, and a line nested 5,000 deep overflows the stack.
 */
export const MAX_EVENT_DEPTH = 16;

/** Whether JSON text nests objects and arrays deeper than `limit` (strings are skipped). */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > limit) return true;
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--;
  }
  return false;
}

export function splitEventBatch(text: string): BatchItem[] {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trimStart().startsWith('[')) {
    if (nestsDeeperThan(body, MAX_EVENT_DEPTH + 1)) {
      throw new BatchFormatError(`body: nested deeper than an event can be (${MAX_EVENT_DEPTH})`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      throw new BatchFormatError(`body: not valid JSON (${(error as Error).message})`);
    }
    if (!Array.isArray(parsed)) throw new BatchFormatError('body: must be a JSON array or NDJSON');
    return parsed.map((value: unknown) => ({
      kind: 'value' as const,
      value,
      bytes: encoder.encode(JSON.stringify(value) ?? '').length,
    }));
  }
  const items: BatchItem[] = [];
  const lines = body.split('\n');
  lines.forEach((rawLine, i) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') return;
    if (nestsDeeperThan(line, MAX_EVENT_DEPTH)) {
      items.push({
        kind: 'unparsable',
        text: line,
        reason: `line ${i + 1}: nested deeper than an event can be (${MAX_EVENT_DEPTH})`,
      });
      return;
    }
    try {
      items.push({ kind: 'value', value: JSON.parse(line), bytes: encoder.encode(line).length });
    } catch (error) {
      items.push({
        kind: 'unparsable',
        text: line,
        reason: `line ${i + 1}: not valid JSON (${(error as Error).message})`,
      });
    }
  });
  return items;
}
