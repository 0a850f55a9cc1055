export {
  createServiceApp,
  OPENAPI_PATH,
  type ServiceApp,
  type ServiceAppOptions,
} from './create-service-app.js';
export type { HealthState, ReadinessCheck, ReportedCircuit } from './health.js';
export { sendProblem } from './problem-handler.js';
export {
  databaseReadiness,
  httpReadiness,
  type RedisReadinessOptions,
  redisReadiness,
} from './readiness-checks.js';
export {
  AUTHENTICATED_ERRORS,
  documented,
  ERROR_STATUSES,
  type ErrorCodesByStatus,
  type ErrorStatus,
  errorResponses,
  INPUT_ERRORS,
  JSON_BODY_ERRORS,
  mergeErrorCodes,
  PROBLEM_MEDIA_TYPE,
  Problem,
  type ProblemResponse,
  problemResponse,
  problemSchema,
  UPSTREAM_ERRORS,
} from './schemas.js';
export { UNMATCHED_ROUTE } from './service-metrics.js';
