import { LIVE_NAMESPACE } from '@mieruka/contracts';

/** A Socket.IO packet of the live namespace as a stalled client finally reads it. */
export type Received =
  { kind: 'event'; name: string; payload: unknown } | { kind: 'ack'; id: number; payload: unknown };

const SEPARATOR = '\x1e';
const NSP = `${LIVE_NAMESPACE},`;

/**
 * A client that stops reading, like a TV on bad Wi-Fi: it speaks Engine.IO's long-polling
 * transport by hand, so the test decides when (if ever) it asks for the next packets. While
 * it does not poll, the server has no writable transport for it — the state a slow
 * connection is in, made deterministic.
 */
export class StalledClient {
  private nextAck = 0;

  private constructor(
    private readonly endpoint: string,
    private readonly sid: string,
  ) {}

  static async open(baseUrl: string, token: string): Promise<StalledClient> {
    const endpoint = `${baseUrl}/socket.io/?EIO=4&transport=polling`;
    const handshake = await (await fetch(endpoint)).text();
    const { sid } = JSON.parse(handshake.slice(1)) as { sid: string };
    const client = new StalledClient(endpoint, sid);
    await client.send(`40${NSP}${JSON.stringify({ token })}`);
    const [connected] = await client.poll();
    if (connected?.kind !== 'event' || connected.name !== 'connect') {
      throw new Error(`not connected: ${JSON.stringify(connected)}`);
    }
    return client;
  }

  /** Emits an event with an acknowledgement; the answer arrives with a later `poll`. */
  async emit(name: string, payload: unknown): Promise<number> {
    const id = this.nextAck++;
    await this.send(`42${NSP}${id}${JSON.stringify([name, payload])}`);
    return id;
  }

  /** One long-poll: every packet the server had waiting (or the next one to arrive). */
  async poll(): Promise<Received[]> {
    const body = await (await fetch(`${this.endpoint}&sid=${this.sid}`)).text();
    const received: Received[] = [];
    for (const packet of body.split(SEPARATOR)) {
      if (packet === '2') await this.send('3'); // Engine.IO ping → pong
      if (!packet.startsWith('4')) continue;
      const decoded = decode(packet.slice(1));
      if (decoded) received.push(decoded);
    }
    return received;
  }

  private async send(body: string): Promise<void> {
    const response = await fetch(`${this.endpoint}&sid=${this.sid}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      body,
    });
    if (!response.ok) throw new Error(`engine.io POST answered ${response.status}`);
  }
}

/** A Socket.IO packet: type digit, `/live,`, an optional ack id, then JSON. */
function decode(packet: string): Received | undefined {
  const type = packet[0];
  if (!packet.startsWith(NSP, 1)) return undefined;
  const rest = packet.slice(1 + NSP.length);
  if (type === '0') return { kind: 'event', name: 'connect', payload: JSON.parse(rest) };
  const match = /^(\d*)(.*)$/s.exec(rest);
  if (!match) return undefined;
  const [, id, json] = match;
  const data = JSON.parse(json ?? 'null') as unknown[];
  if (type === '3') return { kind: 'ack', id: Number(id), payload: data[0] };
  if (type === '2') return { kind: 'event', name: String(data[0]), payload: data[1] };
  return undefined;
}
