import type { Provider } from '@nestjs/common';
import { WallboardStore, type StoreClient } from '@mieruka/store';
import { STORE_CLIENT } from '../store/store.module';

/** The wallboard definitions' store, on the API's ClickHouse client. */
export const wallboardStoreProvider: Provider = {
  provide: WallboardStore,
  inject: [STORE_CLIENT],
  useFactory: (store: StoreClient) => new WallboardStore(store),
};
