import { tenantSettingsSchema, type TenantSettings } from '@mieruka/contracts';
import type { StoreClient } from './client';
import { chTime, isoFromChTime } from './time';

/** A tenant's settings as an admin saved them, and who did. */
export interface StoredTenantSettings {
  readonly settings: TenantSettings;
  readonly updatedAt: string;
  readonly updatedBy: string;
  /** Grows with every save: how a poller tells a newer version from the one it has. */
  readonly version: number;
}

interface SettingsRow {
  settings: string;
  updated_at: string;
  updated_by: string;
  version: string | number;
}

/**
 * Tenant settings saved through the admin API (migration 8). Each save is a new row version;
 * FINAL reads the newest per tenant. Settings are validated by the caller before they get
 * here.
 */
export class TenantSettingsStore {
  private lastVersion = 0;

  constructor(private readonly store: StoreClient) {}

  /** Strictly increasing, so two saves in one millisecond still order. */
  private nextVersion(): number {
    this.lastVersion = Math.max(this.lastVersion + 1, Date.now());
    return this.lastVersion;
  }

  private get table(): string {
    return `${this.store.database}.tenant_settings`;
  }

  async save(settings: TenantSettings, by: string, at: number): Promise<StoredTenantSettings> {
    const version = this.nextVersion();
    await this.store.client.insert({
      table: this.table,
      format: 'JSONEachRow',
      values: [
        {
          tenant: settings.tenant.id,
          settings: JSON.stringify(settings),
          updated_at: chTime(at),
          updated_by: by,
          version,
        },
      ],
    });
    return { settings, updatedAt: new Date(at).toISOString(), updatedBy: by, version };
  }

  async find(tenant: string): Promise<StoredTenantSettings | undefined> {
    const [found] = await this.select('WHERE tenant = {tenant:String}', { tenant });
    return found;
  }

  /** Every tenant's newest saved settings, by tenant id (a handful of rows: polled whole). */
  async list(): Promise<StoredTenantSettings[]> {
    return this.select('', {});
  }

  private async select(
    where: string,
    params: Record<string, string>,
  ): Promise<StoredTenantSettings[]> {
    const result = await this.store.client.query({
      query: `SELECT settings, updated_at, updated_by, version
        FROM ${this.table} FINAL ${where} ORDER BY tenant`,
      query_params: params,
      format: 'JSONEachRow',
    });
    return (await result.json<SettingsRow>()).map((row) => ({
      // Parsed again, so a field added to the schema since the save gets its default.
      settings: tenantSettingsSchema.parse(JSON.parse(row.settings)),
      updatedAt: isoFromChTime(row.updated_at),
      updatedBy: row.updated_by,
      version: Number(row.version),
    }));
  }
}
