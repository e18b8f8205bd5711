export {
  createProjection,
  evolve,
  prune,
  seedDay,
  snapshot,
  windowValues,
  type Projection,
} from './projection';
export { emptySums, type Sums } from './sums';
export { LOST_AFTER_MS } from './scope-state';
