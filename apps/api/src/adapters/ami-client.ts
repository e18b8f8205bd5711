import type { Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import type { AdapterConfigs } from '@mieruka/contracts';
import {
  AmiFrameParser,
  field,
  initialAmiState,
  startResync,
  stepAmi,
  type AmiFrame,
  type AmiState,
  type AsteriskOptions,
} from '@mieruka/adapters';
import { asteriskOptions, type TcpTarget } from './adapter-settings';
import { TcpAdapterClient, type TcpAdapterDeps } from './tcp-adapter-client';

const ADAPTER = 'asterisk-ami';
const LOGIN_ID = 'mieruka-login';

/**
 * The Asterisk Manager Interface client (adapter `asterisk-ami`, one per settings version):
 * connects, logs in with `Events: on`, and maps every frame with `stepAmi`. After each
 * (re)connect it asks `QueueStatus` with `startResync`: callers and members seen again are
 * not counted again (same ids, same remembered state), and callers that joined while the link
 * was down are offered from the answer. The mapping state lives across reconnects, only the
 * parser is per connection (a frame cut by a drop is lost; the resync covers it).
 */
export class AmiClient extends TcpAdapterClient {
  private state: AmiState = initialAmiState;
  private resyncs = 0;
  private readonly options: AsteriskOptions;

  constructor(config: AdapterConfigs['asterisk-ami'], target: TcpTarget, deps: TcpAdapterDeps) {
    super(ADAPTER, config.tenant, target, deps);
    this.options = asteriskOptions(config, ADAPTER);
  }

  /** One connection: greeting → Login → QueueStatus → events. */
  protected session(socket: Socket, target: TcpTarget): (chunk: Buffer) => void {
    const parser = new AmiFrameParser();
    const decoder = new StringDecoder('utf8');
    const send = (lines: readonly [string, string][]) =>
      socket.write(
        lines.map(([k, v]) => `${k}: ${v.replace(/[\r\n]/g, '')}\r\n`).join('') + '\r\n',
      );
    return (chunk) => {
      for (const out of parser.push(decoder.write(chunk))) {
        if (!out.ok) {
          this.outbox.push({
            events: [],
            rejects: [{ adapter: ADAPTER, reason: out.reason, raw: out.raw }],
          });
          continue;
        }
        const frame = out.frame;
        if (frame.kind === 'greeting') {
          send([
            ['Action', 'Login'],
            ['ActionID', LOGIN_ID],
            ['Username', target.username],
            ['Secret', target.secret],
            ['Events', 'on'],
          ]);
        } else if (field(frame, 'ActionID') === LOGIN_ID && field(frame, 'Response')) {
          this.loggedIn(frame, send);
        } else {
          const step = stepAmi(this.state, frame, this.deps.clock.now(), this.options);
          this.state = step.state;
          this.outbox.push(step);
        }
      }
    };
  }

  private loggedIn(frame: AmiFrame, send: (lines: readonly [string, string][]) => void): void {
    if (field(frame, 'Response')?.toLowerCase() !== 'success') {
      const message = field(frame, 'Message') ?? 'no reason given';
      this.complain(`login refused: ${message}`);
      this.socket.drop(`login refused: ${message}`);
      return;
    }
    this.socket.established();
    this.status.connected = true;
    this.resyncs += 1;
    this.status.details.resyncs = this.resyncs;
    this.deps.logger.info('logged in; asking QueueStatus to resync');
    this.state = startResync(this.state);
    send([
      ['Action', 'QueueStatus'],
      ['ActionID', `mieruka-resync-${this.resyncs}`],
    ]);
  }
}
