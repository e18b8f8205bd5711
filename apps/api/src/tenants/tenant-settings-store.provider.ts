import type { Provider } from '@nestjs/common';
import { TenantSettingsStore, type StoreClient } from '@mieruka/store';
import { STORE_CLIENT } from '../store/store.module';

/** The saved tenant settings' store, on the API's ClickHouse client. */
export const tenantSettingsStoreProvider: Provider = {
  provide: TenantSettingsStore,
  inject: [STORE_CLIENT],
  useFactory: (store: StoreClient) => new TenantSettingsStore(store),
};
