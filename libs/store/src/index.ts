export * from './client';
export * from './migrate';
export * from './event-row';
export * from './event-store';
export * from './ingestor';
export * from './time';
export { migrations, type Migration } from './migrations';
export * from './kpi-sql';
