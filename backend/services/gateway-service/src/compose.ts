import { createAuth } from '@know-foolery/shared/auth';
import { packageVersion, type StartedService } from '@know-foolery/shared/lifecycle';
import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { openRedis } from '@know-foolery/shared/redis';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import type { GatewayConfig } from './config.js';

export async function composeService(config: GatewayConfig, logger: Logger): Promise<StartedService> {
  const auth = createAuth(config.auth);
  const metrics = createMetricsRegistry({ service: 'gateway-service' });
  const redis = openRedis(config.redis, { metrics, logger });
  const app = buildApp({
    version: packageVersion(new URL('../package.json', import.meta.url)),
    config,
    auth: auth.provider,
    devTokenIssuer: config.auth.devTokensEnabled ? auth.issuer : null,
    bodyLimitBytes: config.server.bodyLimitBytes,
    ...(redis === undefined ? {} : { redis }),
    logger,
  });
  return { app, release: async () => redis?.close() };
}
