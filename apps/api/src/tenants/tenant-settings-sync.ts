import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { TenantSettings } from '@mieruka/contracts';
import { TenantSettingsStore, type StoredTenantSettings } from '@mieruka/store';
import { TenantDirectory } from '../config/tenant-directory';

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
  /** The newest saved version each tenant's settings are at here. */
  private readonly stored = new Map<string, StoredTenantSettings>();
  private readonly listeners: Listener[] = [];
  private loaded: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    @Inject(TenantSettingsStore) private readonly store: TenantSettingsStore,
    @Inject(TenantDirectory) private readonly tenants: TenantDirectory,
    private readonly logger: PinoLogger,
  ) {
    logger.setContext('tenant-settings');
  }

  /** The first read (no listener told: nothing is built yet), then polling. Idempotent. */
  load(): Promise<void> {
    this.loaded ??= this.refresh(false).then(() => {
      this.timer = setInterval(() => void this.poll(), TENANT_SETTINGS_POLL_MS).unref();
    });
    return this.loaded;
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Who saved a tenant's settings and when (undefined: the file's or the defaults). */
  savedOf(tenant: string): StoredTenantSettings | undefined {
    return this.stored.get(tenant);
  }

  /** After a save on this instance: in effect here at once (awaited: the answer shows it). */
  async saved(saved: StoredTenantSettings): Promise<void> {
    await this.adopt(saved, true);
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      await this.refresh(true);
    } catch (error) {
      // The next poll tries again; until then the settings in effect stay.
      this.logger.warn({ err: error }, 'reading the saved tenant settings failed');
    } finally {
      this.polling = false;
    }
  }

  private async refresh(notify: boolean): Promise<void> {
    for (const saved of await this.store.list()) {
      const known = this.stored.get(saved.settings.tenant.id);
      if (!known || known.version < saved.version) await this.adopt(saved, notify);
    }
  }

  private async adopt(saved: StoredTenantSettings, notify: boolean): Promise<void> {
    this.stored.set(saved.settings.tenant.id, saved);
    this.tenants.override(saved.settings);
    if (!notify) return;
    this.logger.info({ tenant: saved.settings.tenant.id, by: saved.updatedBy }, 'settings changed');
    for (const listener of this.listeners) await listener(saved.settings);
  }
}
