export {
  createServiceApp,
  OPENAPI_PATH,
  type ServiceApp,
  type ServiceAppOptions,
} from './create-service-app.js';
export type { HealthState, ReadinessCheck, ReportedCircuit } from './health.js';
export { sendProblem } from './problem-handler.js';
export { databaseReadiness, httpReadiness } from './readiness-checks.js';
export { errorResponses, ProblemSchema } from './schemas.js';
