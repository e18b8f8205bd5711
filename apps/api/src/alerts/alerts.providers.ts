import { Logger, type Provider } from '@nestjs/common';
import type { Env } from '@mieruka/contracts';
import { AlertSettingsStore, type StoreClient } from '@mieruka/store';
import { ENV } from '../config/tokens';
import { STORE_CLIENT } from '../store/store.module';
import {
  ALERT_CLAIMS,
  RedisAlertClaims,
  soleInstanceClaims,
  type AlertClaims,
} from './alert-claims';
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
  {
    // With several instances, one sends each message (alert-claims.ts).
    provide: ALERT_CLAIMS,
    inject: [ENV],
    useFactory: (env: Env): Promise<AlertClaims> | AlertClaims => {
      if (!env.MIERUKA_REDIS_URL) return soleInstanceClaims;
      const logger = new Logger('alerts');
      return RedisAlertClaims.connect(
        env.MIERUKA_REDIS_URL,
        `${env.MIERUKA_REDIS_STREAM}:alerts:`,
        (error) => logger.warn(`alert claims: Redis: ${String(error)}`),
      );
    },
  },
  AlertSettingsService,
  AlertDispatcher,
  AlertEvaluator,
];
