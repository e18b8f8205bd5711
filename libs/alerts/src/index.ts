export * from './metric';
export * from './quiet-hours';
export * from './rule-state';
export * from './message';
export * from './payloads';
