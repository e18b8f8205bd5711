import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { TenantSettings } from '@mieruka/contracts';
import { TenantSettingsStore, type StoredTenantSettings } from '@mieruka/store';
import { TenantDirectory } from '../config/tenant-directory';
import { SavedSettingsPoller } from '../config/saved-settings-poller';

/** How often the table is read again: another instance's edit shows within this time. */
export const TENANT_SETTINGS_POLL_MS = 10_000;

type Listener = (settings: TenantSettings) => Promise<void>;

/**
 * Keeps the TenantDirectory in step with the settings admins saved (tenant_settings): read
 * once before the live projections are rebuilt at start, then polled, so an edit made on any
 * instance reaches every instance within seconds. Listeners (the live projections) hear each
 * tenant whose settings changed after the start, and rebuild its numbers with them.
 */
@Injectable()
export class TenantSettingsSync implements BeforeApplicationShutdown {
  private readonly listeners: Listener[] = [];
  private readonly poller: SavedSettingsPoller<StoredTenantSettings>;
  private loaded: Promise<void> | undefined;

  constructor(
    @Inject(TenantSettingsStore) store: TenantSettingsStore,
    @Inject(TenantDirectory) private readonly tenants: TenantDirectory,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('tenant-settings');
    this.poller = new SavedSettingsPoller({
      list: () => store.list(),
      keyOf: (saved) => saved.settings.tenant.id,
      adopt: (saved, notify) => this.adopt(saved, notify),
      failed: (error) => logger.warn({ err: error }, 'reading the saved tenant settings failed'),
      intervalMs: TENANT_SETTINGS_POLL_MS,
    });
  }

  /** The first read (no listener told: nothing is built yet), then polling. Idempotent. */
  load(): Promise<void> {
    this.loaded ??= this.poller.start();
    return this.loaded;
  }

  beforeApplicationShutdown(): void {
    this.poller.stop();
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Who saved a tenant's settings and when (undefined: the file's or the defaults). */
  savedOf(tenant: string): StoredTenantSettings | undefined {
    return this.poller.get(tenant);
  }

  /** After a save on this instance: in effect here at once (awaited: the answer shows it). */
  saved(saved: StoredTenantSettings): Promise<void> {
    return this.poller.saved(saved);
  }

  private async adopt(saved: StoredTenantSettings, notify: boolean): Promise<void> {
    this.tenants.override(saved.settings);
    if (!notify) return;
    this.logger.info({ tenant: saved.settings.tenant.id, by: saved.updatedBy }, 'settings changed');
    for (const listener of this.listeners) await listener(saved.settings);
  }
}
