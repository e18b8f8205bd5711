import type { FileHandle } from 'node:fs/promises';

/** A line of a file and the byte offset just past it (where reading resumes after it). */
export interface FileLine {
  readonly text: string;
  readonly end: number;
}

const NEWLINE = 0x0a;

/**
 * Reads whole lines from `offset`, at most about `maxBytes` of them. Offsets are bytes, so
 * they can be stored and resumed exactly; lines are cut at the byte `\n` before decoding, so
 * a multi-byte character is never split. A last line without its `\n` is left for the next
 * read (the writer may be half-way through it) unless `final` says the file is done growing.
 * A line longer than `maxBytes` is returned cut, so one runaway line cannot stall the reader.
 */
export async function readLines(
  file: FileHandle,
  offset: number,
  options: { readonly maxBytes: number; readonly final: boolean },
): Promise<FileLine[]> {
  const buffer = Buffer.alloc(options.maxBytes);
  const { bytesRead } = await file.read(buffer, 0, options.maxBytes, offset);
  const chunk = buffer.subarray(0, bytesRead);
  const lines: FileLine[] = [];
  let start = 0;
  for (;;) {
    const nl = chunk.indexOf(NEWLINE, start);
    if (nl < 0) break;
    lines.push({ text: decode(chunk.subarray(start, nl)), end: offset + nl + 1 });
    start = nl + 1;
  }
  const rest = chunk.length - start;
  const ended = options.final && bytesRead < options.maxBytes;
  const runaway = start === 0 && rest === options.maxBytes;
  if (rest > 0 && (ended || runaway)) {
    lines.push({ text: decode(chunk.subarray(start)), end: offset + chunk.length });
  }
  return lines;
}

function decode(bytes: Buffer): string {
  return bytes.toString('utf8').replace(/\r$/, '');
}
