import { tenantSettingsSchema, type TenantSettings } from '@mieruka/contracts';
import type { StoreClient } from './client';
import { VersionedDocuments, type StoredDocument } from './versioned-documents';

/** A tenant's settings as an admin saved them, and who did. */
export interface StoredTenantSettings {
  readonly settings: TenantSettings;
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly version: number;
}

/** Tenant settings saved through the admin API (migration 8), by tenant id. */
export class TenantSettingsStore {
  private readonly documents: VersionedDocuments<TenantSettings>;

  constructor(store: StoreClient) {
    this.documents = new VersionedDocuments(store, 'tenant_settings', 'tenant', (json) =>
      tenantSettingsSchema.parse(json),
    );
  }

  async save(settings: TenantSettings, by: string, at: number): Promise<StoredTenantSettings> {
    return fromDocument(await this.documents.save(settings.tenant.id, settings, by, at));
  }

  async find(tenant: string): Promise<StoredTenantSettings | undefined> {
    const found = await this.documents.find(tenant);
    return found && fromDocument(found);
  }

  /** Every tenant's newest saved settings, by tenant id. */
  async list(): Promise<StoredTenantSettings[]> {
    return (await this.documents.list()).map(fromDocument);
  }
}

function fromDocument({
  document,
  updatedAt,
  updatedBy,
  version,
}: StoredDocument<TenantSettings>): StoredTenantSettings {
  return { settings: document, updatedAt, updatedBy, version };
}
