export { badTokens } from './bad-tokens.js';
export { testDatabaseConfig } from './connections.js';
export {
  createEmptyTestDatabase,
  createTestDatabase,
  type EmptyTestDatabase,
  type TestDatabase,
  testDialects,
} from './databases.js';
export { ManualClock } from './manual-clock.js';
export { type RunningService, startRealService } from './real-service.js';
export {
  deleteKeys,
  findTestRedis,
  LOCAL_REDIS_URL,
  redisCli,
  redisServerInstalled,
  testKeyPrefix,
  testRedisConfig,
} from './redis.js';
export { freePort, RedisProcesses, waitFor } from './redis-processes.js';
export { TEST_AUTH_CONFIG, type TestAuth, testAuth } from './tokens.js';
