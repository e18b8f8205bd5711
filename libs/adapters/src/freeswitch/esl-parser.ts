/**
 * The FreeSWITCH event socket (mod_event_socket, https://developer.signalwire.com/freeswitch/
 * FreeSWITCH-Explained/Modules/mod_event_socket_1048924/): each message is `Key: Value` lines
 * ended by LF, a blank line, then — when the headers carry `Content-Length` — exactly that many
 * bytes of body. `text/event-plain` bodies are themselves header blocks whose values are
 * URL-encoded, possibly followed by their own body.
 */
export interface EslMessage {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

export type EslParserOutput =
  | { readonly ok: true; readonly message: EslMessage }
  | { readonly ok: false; readonly reason: string; readonly raw: string };

/** A header block or body larger than this is not a sane ESL message. */
export const MAX_ESL_MESSAGE = 4 * 1024 * 1024;

/**
 * Cuts an event-socket byte stream into messages. Feed it every chunk as received (bytes, not
 * decoded text: Content-Length counts bytes, and a chunk may split a UTF-8 character, a
 * header line, or a body anywhere). Create one parser per connection.
 */
export class EslParser {
  private buffer: Buffer = Buffer.alloc(0);
  private head: Record<string, string> | undefined;
  private bodyLength = 0;

  push(chunk: Uint8Array | string): EslParserOutput[] {
    this.buffer = Buffer.concat([
      this.buffer,
      typeof chunk === 'string' ? Buffer.from(chunk) : chunk,
    ]);
    const out: EslParserOutput[] = [];
    for (;;) {
      if (!this.head) {
        const end = this.buffer.indexOf('\n\n');
        if (end < 0) {
          if (this.buffer.length > MAX_ESL_MESSAGE) out.push(this.overflow());
          break;
        }
        const text = this.buffer.subarray(0, end).toString('utf8');
        this.buffer = this.buffer.subarray(end + 2);
        if (text.replace(/\r/g, '').trim() === '') continue;
        this.head = headerBlock(text, false);
        const length = this.head['Content-Length'];
        this.bodyLength = length !== undefined && /^\d+$/.test(length) ? Number(length) : 0;
        if (this.bodyLength > MAX_ESL_MESSAGE) {
          out.push({
            ok: false,
            reason: `ESL: Content-Length ${this.bodyLength} is over the limit`,
            raw: text,
          });
          this.head = undefined;
          this.buffer = Buffer.alloc(0);
          break;
        }
      }
      if (this.buffer.length < this.bodyLength) break;
      const body =
        this.bodyLength > 0 ? this.buffer.subarray(0, this.bodyLength).toString('utf8') : undefined;
      this.buffer = this.buffer.subarray(this.bodyLength);
      out.push({ ok: true, message: { headers: this.head, body } });
      this.head = undefined;
      this.bodyLength = 0;
    }
    return out;
  }

  /** Bytes received that are not yet a whole message. */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  private overflow(): EslParserOutput {
    const raw = this.buffer.subarray(0, 256).toString('utf8');
    this.buffer = Buffer.alloc(0);
    return { ok: false, reason: `ESL: a header block over ${MAX_ESL_MESSAGE} bytes`, raw };
  }
}

/** Reads `Key: Value` lines; with `decode`, values are URL-decoded (event-plain bodies). */
export function headerBlock(text: string, decode: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const clean = line.replace(/\r$/, '');
    const colon = clean.indexOf(':');
    if (colon <= 0) continue;
    const key = clean.slice(0, colon).trim();
    const value = clean.slice(colon + 1).replace(/^ /, '');
    headers[key] = decode ? urlDecode(value) : value;
  }
  return headers;
}

function urlDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The event inside a `text/event-plain` message: its URL-decoded headers (and `_body` when
 * the event has a body of its own). Undefined for any other kind of message.
 */
export function plainEvent(message: EslMessage): Record<string, string> | undefined {
  if (message.headers['Content-Type'] !== 'text/event-plain' || message.body === undefined) {
    return undefined;
  }
  const split = message.body.indexOf('\n\n');
  const head = split < 0 ? message.body : message.body.slice(0, split);
  const headers = headerBlock(head, true);
  if (split >= 0 && headers['Content-Length'] !== undefined) {
    headers._body = message.body.slice(split + 2);
  }
  return headers;
}
