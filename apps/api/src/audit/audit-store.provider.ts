import type { Provider } from '@nestjs/common';
import { AuditStore, type StoreClient } from '@mieruka/store';
import { STORE_CLIENT } from '../store/store.module';

/** The audit log's store, on the API's ClickHouse client. */
export const auditStoreProvider: Provider = {
  provide: AuditStore,
  inject: [STORE_CLIENT],
  useFactory: (store: StoreClient) => new AuditStore(store),
};
