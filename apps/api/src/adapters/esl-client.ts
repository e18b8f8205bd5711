import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Socket } from 'node:net';
import { PinoLogger } from 'nestjs-pino';
import type { Env } from '@mieruka/contracts';
import {
  EslParser,
  initialFreeswitchState,
  plainEvent,
  stepFreeswitch,
  type EslMessage,
  type FreeswitchOptions,
  type FreeswitchState,
} from '@mieruka/adapters';
import { ENV } from '../config/tokens';
import { AdapterHealth, type AdapterStatus } from './adapter-health';
import { eslTarget, freeswitchOptions, retryOf } from './adapter-settings';
import { AdapterSink } from './adapter-sink';
import { Outbox } from './outbox';
import { ReconnectingSocket } from './reconnecting-socket';

const ADAPTER = 'freeswitch';
const SUBSCRIBE = 'event plain CUSTOM callcenter::info';

/**
 * The FreeSWITCH event socket client (MIERUKA_ESL_URL, mod_event_socket inbound mode):
 * answers `auth/request` with `auth <password>`, subscribes to mod_callcenter's events and
 * maps each with `stepFreeswitch`. Reconnects with backoff; the mapping state (agents'
 * status and state) is kept across reconnects. mod_callcenter has no status dump to resync
 * from, so an event cut by a drop is lost; the agent's next change puts it right.
 */
@Injectable()
export class EslService implements OnApplicationBootstrap, OnApplicationShutdown {
  private state: FreeswitchState = initialFreeswitchState;
  private socket: ReconnectingSocket | undefined;
  private outbox: Outbox | undefined;
  private status: AdapterStatus | undefined;
  private stopping = false;
  private readonly options: FreeswitchOptions;

  constructor(
    @Inject(ENV) private readonly env: Env,
    @Inject(AdapterSink) private readonly sink: AdapterSink,
    @Inject(AdapterHealth) private readonly health: AdapterHealth,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext(ADAPTER);
    this.options = freeswitchOptions(env);
  }

  onApplicationBootstrap(): void {
    if (!this.env.MIERUKA_ESL_URL) return;
    const target = eslTarget(this.env.MIERUKA_ESL_URL);
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
      connected: (socket) => this.session(socket, target.secret),
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

  /** One connection: auth/request → auth → event subscription → events. */
  private session(socket: Socket, password: string): (chunk: Buffer) => void {
    const parser = new EslParser();
    let phase: 'auth' | 'subscribe' | 'events' = 'auth';
    const send = (command: string) => socket.write(`${command.replace(/[\r\n]/g, '')}\n\n`);
    const reply = (message: EslMessage) => message.headers['Reply-Text'] ?? '';
    return (chunk) => {
      for (const out of parser.push(chunk)) {
        if (!out.ok) {
          this.outbox?.push({
            events: [],
            rejects: [{ adapter: ADAPTER, reason: out.reason, raw: out.raw }],
          });
          continue;
        }
        const message = out.message;
        const type = message.headers['Content-Type'];
        if (type === 'auth/request') {
          send(`auth ${password}`);
        } else if (type === 'command/reply' && phase !== 'events') {
          if (!reply(message).startsWith('+OK')) {
            const why = `${phase === 'auth' ? 'auth' : 'subscription'} refused: ${reply(message)}`;
            this.complain(why);
            this.socket?.drop(why);
            return;
          }
          if (phase === 'auth') {
            phase = 'subscribe';
            send(SUBSCRIBE);
          } else {
            phase = 'events';
            this.socket?.established();
            if (this.status) this.status.connected = true;
            this.logger.info('subscribed to callcenter::info');
          }
        } else if (type === 'text/event-plain') {
          const event = plainEvent(message);
          if (!event) continue;
          const step = stepFreeswitch(this.state, event, this.options);
          this.state = step.state;
          this.outbox?.push(step);
        }
        // text/disconnect-notice: the close that follows triggers the reconnect.
      }
    };
  }

  private complain(message: string): void {
    this.status?.failed(message);
    this.logger.warn(message);
  }
}
