export { badTokens, forgedIssuerTokens, type IssuedToken } from './bad-tokens.js';
export {
  type ClientCredentialsRequest,
  type ClientCredentialsToken,
  clientCredentialsToken,
} from './browser/client-credentials.js';
export { signInForAccessToken } from './browser/code-flow-token.js';
export { CookieJar, type StoredCookie } from './browser/cookie-jar.js';
export {
  decodeEntities,
  type FormControl,
  formAction,
  formEntries,
  formWithField,
  type HtmlForm,
  readForms,
} from './browser/html-forms.js';
export type { SameSite } from './browser/set-cookie.js';
export { type SignInOptions, type SignInUser, signIn } from './browser/sign-in.js';
export {
  type FollowOptions,
  type RequestOptions,
  type SubmitOptions,
  TestBrowser,
  type Visit,
  type VisitRecord,
} from './browser/test-browser.js';
export { testDatabaseConfig } from './connections.js';
export {
  createEmptyTestDatabase,
  createTestDatabase,
  type EmptyTestDatabase,
  type TestDatabase,
  testDialects,
} from './databases.js';
export { ManualClock } from './manual-clock.js';
export { metricSum, scrapedValue } from './metrics.js';
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
export { freePort, RedisProcesses, waitFor } from './redis-processes.js';
export { TEST_AUTH_CONFIG, type TestAuth, testAuth } from './tokens.js';
