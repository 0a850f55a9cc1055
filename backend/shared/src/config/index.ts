export {
  ConfigError,
  deepFreeze,
  EnvReader,
  type EnvSource,
  loadEnvironment,
  type NodeEnv,
} from './env-reader.js';
export {
  describeRedisUrl,
  REDIS_MODES,
  type RedisAddress,
  type RedisConfig,
  type RedisMode,
  readRedisConfig,
} from './redis-section.js';
export {
  type AuthConfig,
  type AuthProviderKind,
  type BaseServiceConfig,
  type DatabaseConfig,
  DEVELOPMENT_JWT_SECRET,
  type LogLevel,
  loadServiceConfig,
  MIN_JWT_SECRET_BYTES,
  readAuthConfig,
  readDatabaseConfig,
  readServerConfig,
  readServiceClientConfig,
  readServiceUrl,
  SERVICE_TOKEN_TTL_SECONDS,
  type ServerConfig,
  type ServiceClientConfig,
} from './sections.js';
export { SERVICE_NAMES, SERVICE_PORTS, type ServiceName, serviceEnvPrefix } from './services.js';
