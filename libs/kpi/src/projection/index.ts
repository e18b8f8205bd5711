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
