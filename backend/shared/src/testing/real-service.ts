import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { type ServerConfig, type ServiceName, serviceEnvPrefix } from '../config/index.js';
import type { DatabaseDialect } from '../database/index.js';
import type { ServiceProcess } from '../lifecycle/index.js';
import { createEmptyTestDatabase } from './databases.js';
import { TEST_AUTH_CONFIG } from './tokens.js';

export interface RunningService {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * A real service, started as its main.ts starts it (its own `loadConfig` and compose function),
 * on a fresh database of the dialect and an ephemeral port of 127.0.0.1, accepting the tokens of
 * `testAuth()`: what a caller's tests use to hold its client against the owner's real answers.
 */
export async function startRealService<Config extends { readonly server: ServerConfig }>(
  name: ServiceName,
  service: ServiceProcess<Config>,
  dialect: DatabaseDialect,
): Promise<RunningService> {
  const database = await createEmptyTestDatabase(dialect);
  const config = service.loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database.url,
    DB_MIGRATE_ON_START: 'true',
    AUTH_JWT_SECRET: TEST_AUTH_CONFIG.jwtSecret,
    AUTH_ISSUER: TEST_AUTH_CONFIG.issuer,
    AUTH_AUDIENCE: TEST_AUTH_CONFIG.audience,
    HOST: '127.0.0.1',
    [`${serviceEnvPrefix(name)}_PORT`]: '0',
  });
  const started = await service.start(config, pino({ level: 'silent' }));
  const stop = async () => {
    try {
      await started.app.close();
      await started.release();
    } finally {
      await database.dispose();
    }
  };
  try {
    await started.app.listen({ host: config.server.host, port: config.server.port });
  } catch (error) {
    await stop();
    throw error;
  }
  const { port } = started.app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stop };
}
