import type { Provider } from '@nestjs/common';
import { AlertSettingsStore, type StoreClient } from '@mieruka/store';
import { STORE_CLIENT } from '../store/store.module';
import { AlertDispatcher } from './alert-dispatcher';
import { AlertEvaluator } from './alert-evaluator';
import { AlertSettingsService } from './alert-settings.service';

/** Alerts that leave the TV (docs/alerts.md): rules from the store, driven by the live projection. */
export const alertsProviders: Provider[] = [
  {
    provide: AlertSettingsStore,
    inject: [STORE_CLIENT],
    useFactory: (store: StoreClient) => new AlertSettingsStore(store),
  },
  AlertSettingsService,
  AlertDispatcher,
  AlertEvaluator,
];
