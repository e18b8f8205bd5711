export { createProjection, evolve, snapshot, type Projection } from './projection';
