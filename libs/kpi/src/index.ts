export * from './zoned-time';
export * from './windows';
export * from './format';
export * from './kgi';
export * from './projection';
