import type { Socket } from 'node:net';
import type { AdapterConfigs } from '@mieruka/contracts';
import {
  EslParser,
  initialFreeswitchState,
  mapOutboundHangup,
  plainEvent,
  stepFreeswitch,
  type EslMessage,
  type FreeswitchOptions,
  type FreeswitchState,
} from '@mieruka/adapters';
import { freeswitchOptions, type TcpTarget } from './adapter-settings';
import { TcpAdapterClient, type TcpAdapterDeps } from './tcp-adapter-client';

const ADAPTER = 'freeswitch';
// Hang-ups too: an outbound leg's CHANNEL_HANGUP_COMPLETE says how a campaign's dial ended.
const SUBSCRIBE = 'event plain CHANNEL_HANGUP_COMPLETE CUSTOM callcenter::info';

/**
 * The FreeSWITCH event socket client (adapter `freeswitch`, mod_event_socket inbound mode):
 * answers `auth/request` with `auth <password>`, subscribes to mod_callcenter's events and
 * maps each with `stepFreeswitch`, and to hang-ups, of which a campaign's dial's become its
 * dial and outcome (`mapOutboundHangup`). Reconnects with backoff; the mapping state (agents'
 * status and state) is kept across reconnects. mod_callcenter has no status dump to resync
 * from, so an event cut by a drop is lost; the agent's next change puts it right.
 */
export class EslClient extends TcpAdapterClient {
  private state: FreeswitchState = initialFreeswitchState;
  private readonly options: FreeswitchOptions;

  constructor(config: AdapterConfigs['freeswitch'], target: TcpTarget, deps: TcpAdapterDeps) {
    super(ADAPTER, config.tenant, target, deps);
    this.options = freeswitchOptions(config);
  }

  /** One connection: auth/request → auth → event subscription → events. */
  protected session(socket: Socket, target: TcpTarget): (chunk: Buffer) => void {
    const password = target.secret;
    const parser = new EslParser();
    let phase: 'auth' | 'subscribe' | 'events' = 'auth';
    const send = (command: string) => socket.write(`${command.replace(/[\r\n]/g, '')}\n\n`);
    const reply = (message: EslMessage) => message.headers['Reply-Text'] ?? '';
    return (chunk) => {
      for (const out of parser.push(chunk)) {
        if (!out.ok) {
          this.outbox.push({
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
            this.socket.drop(why);
            return;
          }
          if (phase === 'auth') {
            phase = 'subscribe';
            send(SUBSCRIBE);
          } else {
            phase = 'events';
            this.socket.established();
            this.status.connected = true;
            this.deps.logger.info('subscribed to callcenter::info');
          }
        } else if (type === 'text/event-plain') {
          const event = plainEvent(message);
          if (!event) continue;
          if (event['Event-Name'] === 'CHANNEL_HANGUP_COMPLETE') {
            this.outbox.push(mapOutboundHangup(event, this.options));
            continue;
          }
          const step = stepFreeswitch(this.state, event, this.options);
          this.state = step.state;
          this.outbox.push(step);
        }
        // text/disconnect-notice: the close that follows triggers the reconnect.
      }
    };
  }
}
