import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { PinoLogger } from 'nestjs-pino';
import {
  alertSecretsOf,
  alertSettingsInputSchema,
  redactAlertSettings,
  storedAlertSettingsSchema,
  type AlertSettings,
  type AlertSettingsAnswer,
  type AnsweredAlertSettings,
} from '@mieruka/contracts';
import { AlertSettingsStore, type StoredDocument } from '@mieruka/store';
import { SavedSettingsPoller } from '../config/saved-settings-poller';
import { CLOCK, type Clock } from '../config/tokens';
import { parseBody } from '../http/parse-input';

/** How often the table is read again: another instance's edit shows within this time. */
export const ALERT_SETTINGS_POLL_MS = 10_000;

const NONE: AlertSettings = storedAlertSettingsSchema.parse({});

/**
 * Each tenant's alert rules and channels in effect: read at start, then polled like the
 * adapters' settings, so an edit on any instance is in effect on every one within seconds.
 * Secrets are handled exactly as the adapters' are: stored with an id, answered as
 * `{ keep: id }`, kept by a PUT that sends that object back.
 */
@Injectable()
export class AlertSettingsService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly poller: SavedSettingsPoller<StoredDocument<AlertSettings>>;
  private readonly saved = new Set<string>();

  constructor(
    @Inject(AlertSettingsStore) private readonly store: AlertSettingsStore,
    @Inject(CLOCK) private readonly clock: Clock,
    logger: PinoLogger,
  ) {
    logger.setContext('alerts');
    this.poller = new SavedSettingsPoller({
      list: () => store.list(),
      keyOf: (saved) => saved.key,
      adopt: (saved) => {
        this.saved.add(saved.key);
        return Promise.resolve();
      },
      failed: (error) => logger.warn({ err: error }, 'reading the saved alert settings failed'),
      intervalMs: ALERT_SETTINGS_POLL_MS,
    });
  }

  async onModuleInit(): Promise<void> {
    await this.poller.start();
  }

  beforeApplicationShutdown(): void {
    this.poller.stop();
  }

  /** The tenants with saved alert settings. */
  tenants(): string[] {
    return [...this.saved];
  }

  current(tenant: string): AlertSettings {
    return this.poller.get(tenant)?.document ?? NONE;
  }

  answer(tenant: string): AlertSettingsAnswer {
    const saved = this.poller.get(tenant);
    return {
      tenant,
      settings: redactAlertSettings(this.current(tenant)),
      updatedAt: saved?.updatedAt ?? null,
      updatedBy: saved?.updatedBy ?? null,
    };
  }

  /**
   * Adds or replaces one rule (`rule` undefined: removes it), keeping everything else as it
   * is. The other rules and the channels go through the same checks as a whole PUT, with
   * their secrets kept by id.
   */
  changeRule(
    tenant: string,
    id: string,
    rule: unknown,
    by: string,
  ): Promise<{ before: AnsweredAlertSettings; after: AnsweredAlertSettings }> {
    const document = redactAlertSettings(this.current(tenant));
    const others = document.rules.filter((r) => r.id !== id);
    const rules = rule === undefined ? others : [...others, { ...(rule as object), id }];
    return this.save(tenant, { ...document, rules }, by);
  }

  /** Validates and saves a tenant's new settings; the answered forms before and after, for the audit log. */
  async save(
    tenant: string,
    body: unknown,
    by: string,
  ): Promise<{ before: AnsweredAlertSettings; after: AnsweredAlertSettings }> {
    const current = this.current(tenant);
    const secrets = new Map(alertSecretsOf(current).map((s) => [s.secretId, s]));
    const schema = alertSettingsInputSchema(
      (id) => secrets.get(id),
      () => `s-${randomBytes(6).toString('hex')}`,
    );
    const settings: AlertSettings = parseBody(schema, body);
    await this.poller.saved(await this.store.save(tenant, settings, by, this.clock.now()));
    return { before: redactAlertSettings(current), after: redactAlertSettings(settings) };
  }
}
