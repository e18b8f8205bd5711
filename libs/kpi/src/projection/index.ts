export { createProjection, evolve, snapshot, windowValues, type Projection } from './projection';
