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

export function splitEventBatch(text: string): BatchItem[] {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trimStart().startsWith('[')) {
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
