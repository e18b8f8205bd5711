import { AdaptersIndicator } from './adapters.indicator';
import { KafkaIndicator } from './kafka.indicator';
import { RedisIndicator } from './redis.indicator';
import { StoreIndicator } from './store.indicator';

/** The readiness checks (ReadinessController), each one part the instance needs. */
export const readinessProviders = [
  StoreIndicator,
  KafkaIndicator,
  RedisIndicator,
  AdaptersIndicator,
];
