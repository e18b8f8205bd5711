import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Env } from '@mieruka/contracts';
import { CLOCK, ENV, type Clock } from '../config/tokens';
import { AdapterHealth } from './adapter-health';
import { bareHost, queueLogPositionFile, retryOf } from './adapter-settings';
import { AdapterSettings, type AdapterRunner } from './adapter-settings.service';
import { AdapterSink } from './adapter-sink';
import { AmiClient } from './ami-client';
import { EslClient } from './esl-client';
import { QueueLogTailer } from './queue-log.tailer';

/**
 * Runs the adapters that keep something open — the AMI and event socket clients, the
 * queue_log tailer — while their settings enable them, restarting each when an admin changes
 * its settings. (The HTTP adapters need no runner: they read their settings per request.)
 */
@Injectable()
export class AdapterRunners implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly runners: AdapterRunner[] = [];

  constructor(
    @Inject(ENV) private readonly env: Env,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AdapterSettings) private readonly settings: AdapterSettings,
    @Inject(AdapterSink) private readonly sink: AdapterSink,
    @Inject(AdapterHealth) private readonly health: AdapterHealth,
    private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    const deps = (name: string) => ({
      clock: this.clock,
      sink: this.sink,
      status: this.health.track(name),
      logger: this.logger.logger.child({ context: name }),
      retry: retryOf(this.env),
    });
    this.runners.push(
      this.settings.run('asterisk-ami', (config) => {
        const target = tcpTarget(config.host, config.port, config.username, config.secret?.value);
        return target && new AmiClient(config, target, deps('asterisk-ami')).start();
      }),
      this.settings.run('freeswitch', (config) => {
        const target = tcpTarget(config.host, config.port, '', config.password?.value);
        return target && new EslClient(config, target, deps('freeswitch')).start();
      }),
      this.settings.run('asterisk-queue-log', (config) => {
        if (!config.file) return undefined;
        const tailer = new QueueLogTailer(config, {
          ...deps('asterisk-queue-log'),
          positionFile: queueLogPositionFile(this.env),
        });
        void tailer.start();
        return tailer;
      }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }
}

/** Where a TCP adapter connects, once its settings name a host and a secret. */
function tcpTarget(host: string | undefined, port: number, username: string, secret?: string) {
  return host && secret !== undefined
    ? { host: bareHost(host), port, username, secret }
    : undefined;
}
