import { createAuth, serviceIdentity } from '@know-foolery/shared/auth';
import { ServiceClient } from '@know-foolery/shared/http-client';
import { packageVersion, type StartedService } from '@know-foolery/shared/lifecycle';
import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { openRedis } from '@know-foolery/shared/redis';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import { httpSessionDirectory } from './clients/session-client.js';
import type { GatewayConfig } from './config.js';

export async function composeService(config: GatewayConfig, logger: Logger): Promise<StartedService> {
  const auth = createAuth(config.auth);
  const metrics = createMetricsRegistry({ service: 'gateway-service' });
  const redis = openRedis(config.redis, { metrics, logger });
  const sessionClient = new ServiceClient({
    name: 'session-service',
    baseUrl: config.upstreams.session,
    config: config.client,
  });
  const app = buildApp({
    version: packageVersion(new URL('../package.json', import.meta.url)),
    config,
    auth: auth.provider,
    sessions: httpSessionDirectory(sessionClient, serviceIdentity(auth, 'gateway')),
    circuits: { 'session-service': sessionClient },
    devTokenIssuer: config.auth.devTokensEnabled ? auth.issuer : null,
    bodyLimitBytes: config.server.bodyLimitBytes,
    ...(redis === undefined ? {} : { redis }),
    logger,
  });
  return {
    app,
    release: async () => {
      await sessionClient.close();
      await redis?.close();
    },
  };
}
