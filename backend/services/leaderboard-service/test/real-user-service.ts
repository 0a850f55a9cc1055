import type { AddressInfo } from 'node:net';
import type { DatabaseDialect } from '@know-foolery/shared/database';
import { createEmptyTestDatabase, TEST_AUTH_CONFIG } from '@know-foolery/shared/testing';
import { composeService } from '@know-foolery/user-service/compose';
import { loadConfig } from '@know-foolery/user-service/config';
import { pino } from 'pino';

export interface RunningUserService {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * The real user-service, started as its main.ts starts it, on a fresh database of the dialect and
 * an ephemeral port, accepting the tokens of `testAuth()`.
 */
export async function startUserService(dialect: DatabaseDialect): Promise<RunningUserService> {
  const database = await createEmptyTestDatabase(dialect);
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database.url,
    DB_MIGRATE_ON_START: 'true',
    AUTH_JWT_SECRET: TEST_AUTH_CONFIG.jwtSecret,
    AUTH_ISSUER: TEST_AUTH_CONFIG.issuer,
    AUTH_AUDIENCE: TEST_AUTH_CONFIG.audience,
    HOST: '127.0.0.1',
    USER_SERVICE_PORT: '0',
  });
  const service = await composeService(config, pino({ level: 'silent' }));
  const stop = async () => {
    try {
      await service.app.close();
      await service.release();
    } finally {
      await database.dispose();
    }
  };
  try {
    await service.app.listen({ host: config.server.host, port: config.server.port });
  } catch (error) {
    await stop();
    throw error;
  }
  const { port } = service.app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stop };
}
