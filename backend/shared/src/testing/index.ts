export * from '../browser/index.js';
export { badTokens, forgedIssuerTokens, type IssuedToken } from './bad-tokens.js';
export { testDatabaseConfig } from './connections.js';
export {
  createEmptyTestDatabase,
  createTestDatabase,
  type EmptyTestDatabase,
  type TestDatabase,
  testDialects,
} from './databases.js';
export { freePort } from './free-port.js';
export { ManualClock } from './manual-clock.js';
export { metricSum, scrapedValue } from './metrics.js';
export {
  OtlpReceiver,
  type ReceivedSpan,
  SPAN_KIND_CLIENT,
  SPAN_KIND_SERVER,
  spansOfExport,
} from './otlp-receiver.js';
export {
  findPrometheusTools,
  PROMETHEUS_DEBS_BIN,
  type PrometheusOptions,
  type PrometheusQueryAnswer,
  type PrometheusTools,
  RunningPrometheus,
  runPrometheusTool,
  type ToolRun,
} from './prometheus.js';
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
export { RedisProcesses, waitFor } from './redis-processes.js';
export { TEST_AUTH_CONFIG, type TestAuth, testAuth } from './tokens.js';
