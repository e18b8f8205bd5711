import {
  adapterNameSchema,
  storedAdapterConfigs,
  type AdapterConfig,
  type AdapterName,
} from '@mieruka/contracts';
import type { StoreClient } from './client';
import { VersionedDocuments, type StoredDocument } from './versioned-documents';

export type StoredAdapterConfig = StoredDocument<AdapterConfig> & { readonly key: AdapterName };

/**
 * CTI adapter settings saved through the admin API (migration 9), by adapter name. They hold
 * the adapters' secrets in clear (a webhook secret must be known to check a signature, a PBX
 * password to log in), as the environment they replace does: docs/operations.md says to
 * protect the store and its backups accordingly.
 */
export class AdapterSettingsStore {
  private readonly documents: VersionedDocuments<AdapterConfig>;

  constructor(store: StoreClient) {
    this.documents = new VersionedDocuments(store, 'adapter_settings', 'adapter', (json, key) =>
      storedAdapterConfigs[adapterNameSchema.parse(key)].parse(json),
    );
  }

  async save(
    name: AdapterName,
    config: AdapterConfig,
    by: string,
    at: number,
  ): Promise<StoredAdapterConfig> {
    return { ...(await this.documents.save(name, config, by, at)), key: name };
  }

  /** Every adapter's newest saved settings (adapters never saved are absent). */
  async list(): Promise<StoredAdapterConfig[]> {
    return (await this.documents.list()).map((stored) => ({
      ...stored,
      key: adapterNameSchema.parse(stored.key),
    }));
  }
}
