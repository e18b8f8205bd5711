import { storedAlertSettingsSchema, type AlertSettings } from '@mieruka/contracts';
import type { StoreClient } from './client';
import { VersionedDocuments, type StoredDocument } from './versioned-documents';

/**
 * Alert rules and channels saved through the admin API (migration 11), one document per
 * tenant. Like the adapters' settings they hold secrets in clear — a Slack or Teams webhook
 * URL must be known to post to it — so the store and its backups are protected alike.
 */
export class AlertSettingsStore {
  private readonly documents: VersionedDocuments<AlertSettings>;

  constructor(store: StoreClient) {
    this.documents = new VersionedDocuments(store, 'alert_settings', 'tenant', (json) =>
      storedAlertSettingsSchema.parse(json),
    );
  }

  save(
    tenant: string,
    settings: AlertSettings,
    by: string,
    at: number,
  ): Promise<StoredDocument<AlertSettings>> {
    return this.documents.save(tenant, settings, by, at);
  }

  /** Every tenant's newest saved settings. */
  list(): Promise<StoredDocument<AlertSettings>[]> {
    return this.documents.list();
  }
}
