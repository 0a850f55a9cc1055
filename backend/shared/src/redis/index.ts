export type { Redis as RedisServerConnection } from 'ioredis';
export { reconnectDelayMs } from './backoff.js';
export { primaryServers, type RedisConnection } from './connection.js';
export { isServerFailure, RedisErrorCode, RedisUnavailableError } from './errors.js';
export { taggedKey } from './hash-tags.js';
export { openRedis, type StartupLogger } from './open-redis.js';
export { RedisClient, type RedisClientOptions, type RedisHealth, type RedisLogger } from './redis-client.js';
export type { BreakerStateName, ConnectionRole } from './redis-metrics.js';
export { RedisScript } from './script.js';
