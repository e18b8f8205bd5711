import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import { PinoLogger } from 'nestjs-pino';
import type { Env } from '@mieruka/contracts';
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
import { CLOCK, ENV, type Clock } from '../config/tokens';
import { AdapterHealth, type AdapterStatus } from './adapter-health';
import { amiTarget, asteriskOptions, retryOf, type TcpTarget } from './adapter-settings';
import { AdapterSink } from './adapter-sink';
import { Outbox } from './outbox';
import { ReconnectingSocket } from './reconnecting-socket';

const ADAPTER = 'asterisk-ami';
const LOGIN_ID = 'mieruka-login';

/**
 * The Asterisk Manager Interface client (MIERUKA_AMI_URL): connects, logs in with
 * `Events: on`, and maps every frame with `stepAmi`. After each (re)connect it asks
 * `QueueStatus` with `startResync`: callers and members seen again are not counted again
 * (same ids, same remembered state), and callers that joined while the link was down are
 * offered from the answer. The mapping state lives across reconnects, only the parser is per
 * connection (a frame cut by a drop is lost; the resync covers it).
 */
@Injectable()
export class AmiService implements OnApplicationBootstrap, OnApplicationShutdown {
  private state: AmiState = initialAmiState;
  private socket: ReconnectingSocket | undefined;
  private outbox: Outbox | undefined;
  private status: AdapterStatus | undefined;
  private resyncs = 0;
  private stopping = false;
  private readonly options: AsteriskOptions;

  constructor(
    @Inject(ENV) private readonly env: Env,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AdapterSink) private readonly sink: AdapterSink,
    @Inject(AdapterHealth) private readonly health: AdapterHealth,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(ADAPTER);
    this.options = asteriskOptions(env, ADAPTER);
  }

  onApplicationBootstrap(): void {
    if (!this.env.MIERUKA_AMI_URL) return;
    const target = amiTarget(this.env.MIERUKA_AMI_URL);
    const status = this.health.track(ADAPTER);
    status.connected = false;
    status.details.peer = `${target.host}:${target.port}`;
    this.status = status;
    const tenant = this.env.MIERUKA_ADAPTER_TENANT;
    this.outbox = new Outbox(
      (batch) => this.sink.deliver(ADAPTER, tenant, batch, status),
      (error) => this.complain(`store did not take a batch (kept, retrying): ${String(error)}`),
      retryOf(this.env),
    );
    this.socket = new ReconnectingSocket(target, retryOf(this.env), {
      connected: (socket) => this.session(socket, target),
      disconnected: (reason) => {
        if (this.stopping) return;
        const wasUp = status.connected;
        status.connected = false;
        this.complain(`${wasUp ? 'disconnected' : 'could not connect'}: ${reason}`);
      },
    });
    this.socket.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.socket?.stop();
    await this.outbox?.close();
  }

  /** One connection: greeting → Login → QueueStatus → events. */
  private session(socket: Socket, target: TcpTarget): (chunk: Buffer) => void {
    const parser = new AmiFrameParser();
    const decoder = new StringDecoder('utf8');
    const send = (lines: readonly [string, string][]) =>
      socket.write(
        lines.map(([k, v]) => `${k}: ${v.replace(/[\r\n]/g, '')}\r\n`).join('') + '\r\n',
      );
    return (chunk) => {
      for (const out of parser.push(decoder.write(chunk))) {
        if (!out.ok) {
          this.outbox?.push({
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
          const step = stepAmi(this.state, frame, this.clock.now(), this.options);
          this.state = step.state;
          this.outbox?.push(step);
        }
      }
    };
  }

  private loggedIn(frame: AmiFrame, send: (lines: readonly [string, string][]) => void): void {
    if (field(frame, 'Response')?.toLowerCase() !== 'success') {
      const message = field(frame, 'Message') ?? 'no reason given';
      this.complain(`login refused: ${message}`);
      this.socket?.drop(`login refused: ${message}`);
      return;
    }
    this.socket?.established();
    if (this.status) this.status.connected = true;
    this.resyncs += 1;
    if (this.status) this.status.details.resyncs = this.resyncs;
    this.logger.info('logged in; asking QueueStatus to resync');
    this.state = startResync(this.state);
    send([
      ['Action', 'QueueStatus'],
      ['ActionID', `mieruka-resync-${this.resyncs}`],
    ]);
  }

  private complain(message: string): void {
    this.status?.failed(message);
    this.logger.warn(message);
  }
}
