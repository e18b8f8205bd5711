export {
  createProjection,
  evolve,
  prune,
  snapshot,
  windowValues,
  type Projection,
} from './projection';
