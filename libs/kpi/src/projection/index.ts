export {
  createProjection,
  evolve,
  prune,
  seedDay,
  seedListEvent,
  seedOrderEvent,
  snapshot,
  windowValues,
  type Projection,
} from './projection';
export { OUTCOME_SUMS, emptySums, type Sums } from './sums';
export { LOST_AFTER_MS } from './scope-state';
export { CLOSED_ORDER_RETENTION_MS } from './order-index';
export { LIST_RETENTION_MS } from './list-index';
