export { type Flag, type Timestamp, toBoolean, toDate, toNumber } from './columns.js';
export {
  type Database,
  type DatabaseDialect,
  type DatabaseHealth,
  type DatabaseTarget,
  describeDatabaseUrl,
  openDatabase,
  type PoolUsage,
  parseDatabaseUrl,
} from './connection.js';
export { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable, isUniqueViolation } from './errors.js';
export {
  MigrationError,
  type MigrationSet,
  migrateDown,
  migrateToLatest,
  migrateToNothing,
  migrationStatus,
  type NamedMigration,
} from './migrations.js';
export { recordPoolMetrics } from './pool-metrics.js';
export { type MigrationLog, openServiceDatabase } from './service-database.js';
