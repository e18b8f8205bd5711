export * from './zoned-time';
export * from './buckets';
export * from './patch';
export * from './windows';
export * from './format';
export * from './kgi';
export * from './projection';
export * from './floor';
