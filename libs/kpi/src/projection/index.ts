export {
  createProjection,
  evolve,
  prune,
  seedDay,
  seedOrderEvent,
  snapshot,
  windowValues,
  type Projection,
} from './projection';
export { emptySums, type Sums } from './sums';
export { LOST_AFTER_MS } from './scope-state';
export { CLOSED_ORDER_RETENTION_MS } from './order-index';
