import { randomBytes } from 'node:crypto';
import { DEFAULT_DEV_IDENTITY_PORT, devSignInEnv, devVerifierEnv } from '@know-foolery/dev-identity/seed';
import { EnvReader, type EnvSource, SERVICE_PORTS } from '@know-foolery/shared/config';
import { GATEWAY_AUTH_PATHS } from './gateway-auth-paths.js';

type Variables = Readonly<Record<string, string>>;

/** The development identity provider runs first; the services sign people in with it. */
export interface DevelopmentIdentity {
  readonly kind: 'development';
  /** Where the launcher asks whether it is ready. */
  readonly url: string;
  readonly issuer: string;
  /** Where a browser signs in, through the gateway. */
  readonly signInUrl: string;
  /** Set for the identity provider's process, over the launcher's environment. */
  readonly identityEnv: Variables;
  /** Set for every service, over the launcher's environment: only what the user left unset. */
  readonly serviceEnv: Variables;
  readonly note: string;
}

/** No identity provider is started: the services use the auth settings as given. */
export interface ConfiguredIdentity {
  readonly kind: 'configured';
  readonly serviceEnv: Variables;
  readonly note: string;
}

export type IdentityPlan = DevelopmentIdentity | ConfiguredIdentity;

/** 32 random bytes in base64url: a new key at every launch, so no sealed sign-in outlives the platform. */
function newStateKey(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * How `npm start` signs people in, from the environment the services will read (the variables and
 * CONFIG_FILE's, as `loadEnvironment` merges them). By default the development identity provider
 * runs and the services are pointed at it (AUTH_PROVIDER=oidc and the ZITADEL_* and OIDC_*
 * variables, each only where the user set none). AUTH_PROVIDER=mock keeps development tokens,
 * ZITADEL_ISSUER names a real Zitadel, and NODE_ENV=production never starts the development
 * provider: its users and secrets are public. A malformed variable read here throws ConfigError.
 */
export function planIdentity(env: EnvSource, stateKey: string = newStateKey()): IdentityPlan {
  const reader = new EnvReader(env);
  if (reader.isProduction) {
    reader.done();
    return {
      kind: 'configured',
      serviceEnv: {},
      note: 'NODE_ENV=production: the development identity provider is never started',
    };
  }
  const provider = reader.optionalString('AUTH_PROVIDER');
  const issuer = reader.optionalString('ZITADEL_ISSUER');
  if (provider === 'mock') {
    reader.done();
    return {
      kind: 'configured',
      serviceEnv: {},
      note: 'AUTH_PROVIDER=mock: no identity provider; development tokens come from POST /api/v1/dev/token',
    };
  }
  if (issuer !== undefined) {
    reader.done();
    return {
      kind: 'configured',
      serviceEnv: provider === undefined ? { AUTH_PROVIDER: 'oidc' } : {},
      note: `signing in with the identity provider at ${issuer} (ZITADEL_ISSUER)`,
    };
  }
  return developmentIdentity(reader, stateKey);
}

function developmentIdentity(reader: EnvReader, stateKey: string): DevelopmentIdentity {
  const port = reader.port('DEV_IDENTITY_PORT', DEFAULT_DEV_IDENTITY_PORT);
  // Read as the provider reads it (a trailing slash dropped), so ZITADEL_ISSUER matches its `iss`.
  const issuer = reader.url('DEV_IDENTITY_ISSUER', `http://localhost:${port}`, ['http:', 'https:']);
  const gatewayPort = reader.port('GATEWAY_SERVICE_PORT', SERVICE_PORTS.gateway);
  const listening = reachableHost(reader.optionalString('HOST'));
  reader.done();
  const unset = (variables: Variables): Variables =>
    Object.fromEntries(
      Object.entries(variables).filter(([name]) => reader.optionalString(name) === undefined),
    );
  const setOrDefault = (name: string, fallback: string) => reader.optionalString(name) ?? fallback;

  // The browser's view of the gateway: localhost, as the identity provider's redirect URIs say.
  const gateways = [`http://localhost:${gatewayPort}`, `http://127.0.0.1:${gatewayPort}`];
  const redirectUri = setOrDefault('OIDC_REDIRECT_URI', `${gateways[0]}${GATEWAY_AUTH_PATHS.callback}`);
  const postLogoutUri = setOrDefault('OIDC_POST_LOGOUT_REDIRECT_URI', `${gateways[0]}/`);
  return {
    kind: 'development',
    url: `http://${listening}:${port}`,
    issuer,
    signInUrl: `${gateways[0]}${GATEWAY_AUTH_PATHS.signIn}`,
    identityEnv: unset({
      DEV_IDENTITY_REDIRECT_URIS: distinct([
        redirectUri,
        ...gateways.map((gateway) => `${gateway}${GATEWAY_AUTH_PATHS.callback}`),
      ]),
      DEV_IDENTITY_POST_LOGOUT_REDIRECT_URIS: distinct([
        postLogoutUri,
        ...gateways.map((gateway) => `${gateway}/`),
      ]),
    }),
    serviceEnv: unset({
      ...devVerifierEnv(issuer),
      ...devSignInEnv({ redirectUri, postLogoutRedirectUri: postLogoutUri, stateKey }),
    }),
    note: `signing in with the development identity provider at ${issuer} (development users: player, admin)`,
  };
}

/** Where a process listening on HOST is reached from this machine. */
function reachableHost(host: string | undefined): string {
  if (host === undefined || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

function distinct(values: readonly string[]): string {
  return [...new Set(values)].join(',');
}
