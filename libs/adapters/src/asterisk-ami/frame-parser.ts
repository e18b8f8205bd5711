import { field, frameOf, type AmiFrame } from './frame';

/** A line longer than this is not AMI; the parser drops it and reports a malformed frame. */
export const MAX_AMI_LINE = 64 * 1024;
const END_COMMAND = '--END COMMAND--';
const GREETING = /^Asterisk Call Manager\/\d+(\.\d+)*$/;

export type AmiParserOutput =
  | { readonly ok: true; readonly frame: AmiFrame }
  | { readonly ok: false; readonly reason: string; readonly raw: string };

/**
 * Cuts an AMI TCP stream into frames. Feed it each chunk as it arrives (decoded as UTF-8,
 * e.g. `socket.setEncoding('utf8')`); a chunk may end anywhere — mid-line, between `\r` and
 * `\n`, mid-frame. Lines end with CRLF (a bare LF is accepted too); a frame ends with an
 * empty line. Also handles the greeting line (`Asterisk Call Manager/5.0.1`, sent alone
 * without a blank line) and the `Response: Follows` command output of Asterisk < 14, whose
 * free text may contain blank lines and ends with `--END COMMAND--`.
 * Create a new parser for each connection.
 */
export class AmiFrameParser {
  private buffer = '';
  private lines: string[] = [];
  private greeted = false;

  push(chunk: string): AmiParserOutput[] {
    this.buffer += chunk;
    const out: AmiParserOutput[] = [];
    let start = 0;
    for (;;) {
      const nl = this.buffer.indexOf('\n', start);
      if (nl < 0) break;
      const line = this.buffer.slice(start, nl).replace(/\r$/, '');
      start = nl + 1;
      this.line(line, out);
    }
    this.buffer = this.buffer.slice(start);
    if (this.buffer.length > MAX_AMI_LINE) {
      out.push({
        ok: false,
        reason: `AMI: a line longer than ${MAX_AMI_LINE} characters`,
        raw: this.buffer.slice(0, 256),
      });
      this.buffer = '';
      this.lines = [];
    }
    return out;
  }

  /** Text received but not yet a whole frame (what a disconnect would lose). */
  get pending(): string {
    return [...this.lines, this.buffer].join('\n');
  }

  private line(line: string, out: AmiParserOutput[]): void {
    if (!this.greeted && this.lines.length === 0) {
      this.greeted = true;
      if (GREETING.test(line)) {
        out.push({ ok: true, frame: frameOf([line], 'greeting') });
        return;
      }
    }
    if (this.inCommandOutput()) {
      if (this.lines[this.lines.length - 1] === END_COMMAND) {
        this.flush(out);
        // The blank line after --END COMMAND-- closes the frame; anything else starts the next.
        if (line !== '') this.line(line, out);
        return;
      }
      if (line.endsWith(END_COMMAND)) {
        const text = line.slice(0, -END_COMMAND.length);
        if (text) this.lines.push(text);
        this.lines.push(END_COMMAND);
      } else {
        this.lines.push(line);
      }
      return;
    }
    if (line === '') {
      if (this.lines.length > 0) this.flush(out);
      return;
    }
    this.lines.push(line);
  }

  /** Inside a `Response: Follows` frame until `--END COMMAND--` and the blank line after. */
  private inCommandOutput(): boolean {
    if (this.lines.length === 0) return false;
    const first = this.lines[0] ?? '';
    return /^Response:\s*Follows$/i.test(first);
  }

  private flush(out: AmiParserOutput[]): void {
    const frame = frameOf(this.lines);
    this.lines = [];
    if (frame.pairs.length === 0) {
      out.push({ ok: false, reason: 'AMI: a block without any Key: Value line', raw: frame.raw });
    } else {
      out.push({ ok: true, frame });
    }
  }
}

/** True when the frame is an event (`Event: …`), as opposed to a response or the greeting. */
export function isEvent(frame: AmiFrame): boolean {
  return frame.kind === 'message' && field(frame, 'Event') !== undefined;
}
