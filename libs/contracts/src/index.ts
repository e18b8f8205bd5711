export * from './event';
export * from './validate-event';
export * from './tenant-settings';
export * from './env';
export * from './ingest';
export * from './event-batch';
export * from './kpi-snapshot';
export * from './intake';
