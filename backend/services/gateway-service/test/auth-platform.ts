import type { AddressInfo } from 'node:net';
import { DEV_CLIENTS, type DevIdentityProvider, startDevIdentityProvider } from '@know-foolery/dev-identity';
import { composeService as composeSessionService } from '@know-foolery/session-service/compose';
import { loadConfig as loadSessionConfig } from '@know-foolery/session-service/config';
import type { EnvSource } from '@know-foolery/shared/config';
import type { StartedService } from '@know-foolery/shared/lifecycle';
import { composeService as composeUserService } from '@know-foolery/user-service/compose';
import { loadConfig as loadUserConfig } from '@know-foolery/user-service/config';
import { type Logger, pino } from 'pino';
import { composeService } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import { startUpstreamStubs, type UpstreamStubs } from './upstream-stubs.js';

/** Where the issuer sends browsers back: the gateway as the dev identity provider knows it by default. */
export const PUBLIC_GATEWAY = 'http://localhost:3000';

/** The settings every process of the platform shares with AUTH_PROVIDER=oidc, for this issuer. */
export function oidcEnvironment(issuer: string, projectId: string): EnvSource {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    AUTH_PROVIDER: 'oidc',
    ZITADEL_ISSUER: issuer,
    ZITADEL_PROJECT_ID: projectId,
    ZITADEL_USER_CLIENT_IDS: DEV_CLIENTS.web.clientId,
    ZITADEL_SERVICE_USERS: DEV_CLIENTS.machine.clientId,
    ZITADEL_SERVICE_CLIENT_ID: DEV_CLIENTS.machine.clientId,
    ZITADEL_SERVICE_CLIENT_SECRET: DEV_CLIENTS.machine.clientSecret,
    ZITADEL_HTTP_TIMEOUT_MS: '2000',
    OIDC_CLIENT_ID: DEV_CLIENTS.web.clientId,
    OIDC_CLIENT_SECRET: DEV_CLIENTS.web.clientSecret,
  };
}

async function listening(started: StartedService): Promise<{ url: string; stop: () => Promise<void> }> {
  await started.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = started.app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      await started.app.close();
      await started.release();
    },
  };
}

const silent = pino({ level: 'silent' });

/** One line pino wrote, parsed. */
export type LogLine = Readonly<Record<string, unknown>>;

/** A logger that keeps the warnings and errors it is given, parsed, in `lines`. */
export function capturingLogger(lines: LogLine[]): Logger {
  return pino(
    { level: 'warn' },
    {
      write(line: string) {
        const parsed: unknown = JSON.parse(line);
        if (typeof parsed === 'object' && parsed !== null)
          lines.push(Object.fromEntries(Object.entries(parsed)));
      },
    },
  );
}

export interface RunningGateway {
  readonly url: string;
  stop(): Promise<void>;
}

/** The gateway as main.ts starts it (its loadConfig and compose), on a free port. */
export async function startGateway(env: EnvSource, logger: Logger = silent): Promise<RunningGateway> {
  return listening(await composeService(loadConfig({ ...env, GATEWAY_SERVICE_PORT: '0' }), logger));
}

export interface SignInPlatform {
  readonly provider: DevIdentityProvider;
  readonly gateway: RunningGateway;
  readonly sessionServiceUrl: string;
  readonly userServiceUrl: string;
  /** The settings the platform's processes share, and the gateway's upstreams. */
  readonly gatewayEnv: EnvSource;
  /** The other services: stand-ins that record what reaches them. */
  readonly stubs: UpstreamStubs;
  stop(): Promise<void>;
}

/**
 * The development identity provider in-process, a real session-service (memory store), a real
 * user-service (SQLite in memory) and the gateway, all with AUTH_PROVIDER=oidc against it, and
 * stand-ins for the other services. The gateway logs to `logger` (nothing by default).
 */
export async function startSignInPlatform(logger: Logger = silent): Promise<SignInPlatform> {
  const provider = await startDevIdentityProvider({ port: 0 });
  const env = oidcEnvironment(provider.issuer, provider.projectId);
  const sessionService = await listening(
    await composeSessionService(loadSessionConfig({ ...env, SESSION_SERVICE_PORT: '0' }), silent),
  );
  const userService = await listening(
    await composeUserService(
      loadUserConfig({ ...env, USER_SERVICE_PORT: '0', DATABASE_URL: 'sqlite::memory:' }),
      silent,
    ),
  );
  const stubs = await startUpstreamStubs();
  const gatewayEnv = {
    ...env,
    GAME_SERVICE_URL: stubs.urls.game,
    QUESTION_SERVICE_URL: stubs.urls.question,
    USER_SERVICE_URL: userService.url,
    LEADERBOARD_SERVICE_URL: stubs.urls.leaderboard,
    ADMIN_SERVICE_URL: stubs.urls.admin,
    SESSION_SERVICE_URL: sessionService.url,
  };
  const gateway = await startGateway(gatewayEnv, logger);
  return {
    provider,
    gateway,
    sessionServiceUrl: sessionService.url,
    userServiceUrl: userService.url,
    gatewayEnv,
    stubs,
    stop: async () => {
      await gateway.stop();
      await sessionService.stop();
      await userService.stop();
      await stubs.close();
      await provider.stop();
    },
  };
}
