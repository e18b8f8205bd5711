/**
 * One unit of the Asterisk Manager Interface stream: the greeting line, or a block of
 * `Key: Value` lines ended by a blank line (an event, a response, a command's output).
 */
export interface AmiFrame {
  readonly kind: 'greeting' | 'message';
  /** Every `Key: Value` pair in order; keys may repeat (`Output:` lines of a command). */
  readonly pairs: readonly (readonly [string, string])[];
  /** Lines that are not `Key: Value`: the body of a `Response: Follows` command output. */
  readonly output: readonly string[];
  /** The frame as received, lines joined with `\n`, for the dead-letter store. */
  readonly raw: string;
}

/** The first value of `key`, compared case-insensitively (`Uniqueid` / `UniqueID`). */
export function field(frame: AmiFrame, key: string): string | undefined {
  const wanted = key.toLowerCase();
  for (const [k, v] of frame.pairs) if (k.toLowerCase() === wanted) return v;
  return undefined;
}

/** Every value of `key` (case-insensitive), in order. */
export function fields(frame: AmiFrame, key: string): string[] {
  const wanted = key.toLowerCase();
  return frame.pairs.filter(([k]) => k.toLowerCase() === wanted).map(([, v]) => v);
}

/** Builds a frame from lines (used by the parser and by specs). */
export function frameOf(lines: readonly string[], kind: AmiFrame['kind'] = 'message'): AmiFrame {
  const pairs: (readonly [string, string])[] = [];
  const output: string[] = [];
  for (const line of lines) {
    const colon = line.indexOf(':');
    // A key is a single token; anything else (command output, "--END COMMAND--") is output.
    if (colon > 0 && /^[A-Za-z0-9_-]+$/.test(line.slice(0, colon))) {
      pairs.push([line.slice(0, colon), line.slice(colon + 1).replace(/^ /, '')]);
    } else {
      output.push(line);
    }
  }
  return { kind, pairs, output, raw: lines.join('\n') };
}
