export type { CacheErrorOperation, CacheLevel } from './cache-metrics.js';
export type { CachedValues, CachedValuesOptions, CacheLogger, GetOrLoad } from './cache-types.js';
export { type CacheOptions, createCache, PlatformCache } from './platform-cache.js';
