import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { PinoLogger } from 'nestjs-pino';
import {
  ADAPTER_NAMES,
  InvalidInput,
  adapterConfigProblems,
  adapterInputSchemas,
  redactAdapterConfig,
  secretsOf,
  type AdapterAnswer,
  type AdapterConfig,
  type AdapterConfigs,
  type AdapterName,
  type AnsweredAdapterConfig,
  type Env,
} from '@mieruka/contracts';
import { AdapterSettingsStore, type StoredAdapterConfig } from '@mieruka/store';
import { CLOCK, ENV, type Clock } from '../config/tokens';
import { parseBody } from '../http/parse-input';
import { AdapterHealth } from './adapter-health';
import { SavedSettingsPoller } from '../config/saved-settings-poller';
import { adapterConfigsFromEnv } from './adapter-settings';
import { Serial } from './serial';

/** How often the table is read again: another instance's edit shows within this time. */
export const ADAPTER_SETTINGS_POLL_MS = 10_000;

type Listener = (config: AdapterConfigs[AdapterName]) => Promise<void>;

/** What an adapter runs while enabled (a TCP client, a file tailer); stopped on a change. */
export interface AdapterRunner {
  stop(): Promise<void>;
}

/**
 * The adapters' settings in effect: an admin's saved version (adapter_settings) where there is
 * one, else the environment's. Read before the adapters start, then polled, so an edit on any
 * instance reaches every instance within seconds; the adapters hear each change and restart
 * with it. Health tracks exactly the enabled adapters.
 */
@Injectable()
export class AdapterSettings implements OnModuleInit, BeforeApplicationShutdown {
  private readonly fromEnv: AdapterConfigs;
  private readonly listeners = new Map<AdapterName, Listener[]>();
  private readonly poller: SavedSettingsPoller<StoredAdapterConfig>;

  constructor(
    @Inject(ENV) env: Env,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(AdapterSettingsStore) private readonly store: AdapterSettingsStore,
    @Inject(AdapterHealth) private readonly health: AdapterHealth,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('adapter-settings');
    this.fromEnv = adapterConfigsFromEnv(env);
    this.poller = new SavedSettingsPoller({
      list: () => store.list(),
      keyOf: (saved) => saved.key,
      adopt: (saved, notify) => this.adopt(saved, notify),
      failed: (error) => logger.warn({ err: error }, 'reading the saved adapter settings failed'),
      intervalMs: ADAPTER_SETTINGS_POLL_MS,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.poller.start();
    for (const name of ADAPTER_NAMES) this.trackHealth(name);
  }

  beforeApplicationShutdown(): void {
    this.poller.stop();
  }

  current<N extends AdapterName>(name: N): AdapterConfigs[N] {
    return (this.poller.get(name)?.document ?? this.fromEnv[name]) as AdapterConfigs[N];
  }

  answer(name: AdapterName): AdapterAnswer {
    const saved = this.poller.get(name);
    return {
      name,
      settings: redactAdapterConfig(this.current(name)),
      source: saved ? 'stored' : 'env',
      updatedAt: saved?.updatedAt ?? null,
      updatedBy: saved?.updatedBy ?? null,
      health: this.health.report()[name] ?? null,
    };
  }

  /**
   * Validates and saves an adapter's new settings, then puts them in effect here (awaited: the
   * answer shows the adapter restarted). Secrets sent as `{ keep: id }` are taken from the
   * settings in effect. `authorize` sees the parsed settings before anything is saved (and
   * throws to refuse them). Returns the answered forms before and after, for the audit log.
   */
  async save(
    name: AdapterName,
    body: unknown,
    by: string,
    authorize: (config: AdapterConfig) => void,
  ): Promise<{ before: AnsweredAdapterConfig; after: AnsweredAdapterConfig }> {
    const current = this.current(name);
    const secrets = new Map(secretsOf(current).map((s) => [s.secretId, s]));
    const schemas = adapterInputSchemas(
      (id) => secrets.get(id),
      () => `s-${randomBytes(6).toString('hex')}`,
    );
    const config: AdapterConfig = parseBody(schemas[name], body);
    authorize(config);
    const problems = adapterConfigProblems(name, config);
    if (problems.length > 0) {
      throw new InvalidInput(problems.map(([path, why]) => `${path}: ${why}`).join('; '));
    }
    await this.poller.saved(await this.store.save(name, config, by, this.clock.now()));
    return { before: redactAdapterConfig(current), after: redactAdapterConfig(config) };
  }

  /**
   * Keeps the runner `start` makes going while `name` is enabled: stopped and started again
   * with each change of its settings, one change at a time. `start` answers undefined when
   * there is nothing to run.
   */
  run<N extends AdapterName>(
    name: N,
    start: (config: AdapterConfigs[N]) => AdapterRunner | undefined,
  ): AdapterRunner {
    const serial = new Serial();
    let running: AdapterRunner | undefined;
    let stopped = false;
    const apply = (config: AdapterConfigs[N]) =>
      serial.run(async () => {
        await running?.stop();
        running = stopped || !config.enabled ? undefined : start(config);
      });
    this.on(name, (config) => apply(config as AdapterConfigs[N]));
    void apply(this.current(name));
    return {
      stop: () => {
        stopped = true;
        return serial.run(async () => {
          await running?.stop();
          running = undefined;
        });
      },
    };
  }

  private on(name: AdapterName, listener: Listener): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }

  private trackHealth(name: AdapterName): void {
    if (this.current(name).enabled) this.health.track(name);
    else this.health.forget(name);
  }

  private async adopt(saved: StoredAdapterConfig, notify: boolean): Promise<void> {
    if (!notify) return;
    this.logger.info({ adapter: saved.key, by: saved.updatedBy }, 'adapter settings changed');
    this.trackHealth(saved.key);
    for (const listener of this.listeners.get(saved.key) ?? []) await listener(saved.document);
  }
}
