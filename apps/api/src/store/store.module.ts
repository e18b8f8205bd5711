import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Env } from '@mieruka/contracts';
import {
  CredentialStore,
  EventStore,
  Ingestor,
  createStoreClient,
  migrate,
  type StoreClient,
} from '@mieruka/store';
import { CLOCK, ENV, type Clock } from '../config/tokens';
import { TenantDirectory } from '../config/tenant-directory';
import { storeOptions } from './store-options';

export const STORE_CLIENT = Symbol('STORE_CLIENT');

/** The ClickHouse client (chDB or a server, by settings), migrated before anything uses it. */
@Global()
@Module({
  providers: [
    {
      provide: STORE_CLIENT,
      inject: [ENV],
      useFactory: async (env: Env): Promise<StoreClient> => {
        const store = createStoreClient(storeOptions(env));
        await migrate(store);
        return store;
      },
    },
    {
      provide: EventStore,
      inject: [STORE_CLIENT],
      useFactory: (s: StoreClient) => new EventStore(s),
    },
    {
      provide: CredentialStore,
      inject: [STORE_CLIENT],
      useFactory: (s: StoreClient) => new CredentialStore(s),
    },
    {
      provide: Ingestor,
      inject: [EventStore, CLOCK, TenantDirectory],
      useFactory: (store: EventStore, clock: Clock, tenants: TenantDirectory) =>
        new Ingestor({ store, clock: () => clock.now(), currencyOf: tenants.currencyOf }),
    },
  ],
  exports: [STORE_CLIENT, EventStore, CredentialStore, Ingestor],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(@Inject(STORE_CLIENT) private readonly store: StoreClient) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
