import { REVOCATION_MARKS_CACHE } from '@know-foolery/session-service/contract';
import { createAuth, serviceIdentity } from '@know-foolery/shared/auth';
import { createCache } from '@know-foolery/shared/cache';
import { ServiceClient } from '@know-foolery/shared/http-client';
import { packageVersion, type StartedService } from '@know-foolery/shared/lifecycle';
import { createMetricsRegistry, type MeteredService } from '@know-foolery/shared/observability';
import { openRedis } from '@know-foolery/shared/redis';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import { cachedRevocationMarks } from './clients/cached-revocation-marks.js';
import { httpSessionDirectory } from './clients/session-client.js';
import type { GatewayConfig } from './config.js';
import { signInComponents } from './sign-in/components.js';

export async function composeService(
  config: GatewayConfig,
  logger: Logger,
): Promise<StartedService & MeteredService> {
  const auth = createAuth(config.auth);
  const metrics = createMetricsRegistry({ service: 'gateway-service' });
  const redis = openRedis(config.redis, { metrics, logger });
  const sessionClient = new ServiceClient({
    name: 'session-service',
    baseUrl: config.upstreams.session,
    config: config.client,
  });
  const identity = serviceIdentity(auth, 'gateway');
  const sessions = httpSessionDirectory(sessionClient, identity);
  // Without Redis, session-service could not tell this process that a mark changed: no cache then.
  const marksCache =
    redis === undefined
      ? undefined
      : createCache({
          name: REVOCATION_MARKS_CACHE,
          redis: { client: redis, keyPrefix: config.redis.keyPrefix },
          metrics,
          logger,
        });
  // Only a sign-in calls user-service (the proxy streams to it without a client of its own).
  const userClient = new ServiceClient({
    name: 'user-service',
    baseUrl: config.upstreams.user,
    config: config.client,
  });
  const signIn = signInComponents(config, identity, { session: sessionClient, user: userClient });
  // Discovery now, so the first sign-in does not wait for it; an issuer that is down does not stop
  // the gateway: the sign-in routes answer 503 and try again until it is back.
  signIn?.relyingParty.configuration().then(
    () => logger.info('the identity provider is discovered: sign-in is ready'),
    (error: unknown) =>
      logger.warn({ err: error }, 'the identity provider cannot be reached yet: sign-in will try again'),
  );
  const app = buildApp({
    version: packageVersion(new URL('../package.json', import.meta.url)),
    config,
    auth: auth.provider,
    sessions: marksCache === undefined ? sessions : cachedRevocationMarks(sessions, marksCache),
    circuits: {
      'session-service': sessionClient,
      ...(signIn === null ? {} : { 'user-service': userClient }),
    },
    devTokenIssuer: config.auth.devTokensEnabled ? auth.issuer : null,
    signIn,
    bodyLimitBytes: config.server.bodyLimitBytes,
    ...(redis === undefined ? {} : { redis }),
    logger,
    metrics,
    webClientDir: config.webClientDir,
  });
  if (config.webClientDir === null)
    logger.info('no web client is built (npm run build): the gateway serves the API alone');
  return {
    app,
    metrics,
    release: async () => {
      await sessionClient.close();
      await userClient.close();
      await marksCache?.close();
      await redis?.close();
    },
  };
}
