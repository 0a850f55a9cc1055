import type { AuthConfig, ServiceName } from '../config/index.js';
import { MockAuthProvider } from './mock-provider.js';
import { OidcAuthProvider } from './oidc/oidc-auth-provider.js';
import { createServiceTokenSource, issuerServiceTokenSource } from './service-identity.js';
import type { AuthProvider, ServiceTokenSource, TokenIssuer } from './types.js';
import { CachingAuthProvider } from './verified-token-cache.js';

export {
  type AuthPluginOptions,
  adminAccess,
  allowRoles,
  authenticatedUser,
  authentication,
  type BearerFormat,
  isAllowed,
  MAX_TOKEN_LENGTH,
  playerAccess,
  publicAccess,
  type RouteAuth,
  readBearerToken,
  serviceAccess,
} from './fastify-auth.js';
export { type MockAuthOptions, MockAuthProvider } from './mock-provider.js';
export {
  type ClientCredentialsOptions,
  ClientCredentialsTokenSource,
  ServiceTokenUnavailableError,
} from './oidc/client-credentials.js';
export { discoveryUrl } from './oidc/discovery.js';
export { type OidcAuthOptions, OidcAuthProvider } from './oidc/oidc-auth-provider.js';
export { CURRENT_PROJECT_ROLES_CLAIM, projectRolesClaim } from './oidc/zitadel-roles.js';
export {
  createServiceTokenSource,
  type IssuerServiceIdentity,
  issuerServiceTokenSource,
  serviceSubject,
  serviceTokenScope,
} from './service-identity.js';
export {
  type AuthenticatedUser,
  type AuthProvider,
  IdentityProviderUnavailableError,
  InvalidTokenError,
  type IssuedToken,
  isRole,
  ROLES,
  type Role,
  type ServiceTokenSource,
  type TokenIssuer,
  type TokenRequest,
} from './types.js';
export { CachingAuthProvider, type VerifiedTokenCacheOptions } from './verified-token-cache.js';

/**
 * A mock verification is trusted for at most a minute, long enough to cover a burst. The OIDC
 * provider's limit is ZITADEL_TOKEN_CACHE_SECONDS: there it also bounds how long a token revoked
 * at Zitadel keeps working.
 */
const VERIFIED_TOKEN_CACHE = { maxEntries: 10_000, maxAgeSeconds: 60 } as const;

export interface AuthComponents {
  readonly provider: AuthProvider;
  /** Present only where the configured provider can mint tokens locally (the mock). */
  readonly issuer: TokenIssuer | null;
  /**
   * With the identity provider and its machine user configured (ZITADEL_SERVICE_CLIENT_ID): a
   * service's own tokens, from the client credentials grant. Absent otherwise.
   */
  readonly issuerServiceTokens?: (service: ServiceName) => ServiceTokenSource;
}

/** The one place that turns configuration into an auth provider. */
export function createAuth(config: AuthConfig, now?: () => Date): AuthComponents {
  switch (config.provider) {
    case 'mock': {
      const mock = new MockAuthProvider({
        secret: config.jwtSecret,
        issuer: config.issuer,
        audience: config.audience,
        clockToleranceSeconds: config.clockToleranceSeconds,
        defaultTtlSeconds: config.tokenTtlSeconds,
        maxTokenLifetimeSeconds: config.maxTokenLifetimeSeconds,
        ...(now === undefined ? {} : { now }),
      });
      const provider = new CachingAuthProvider(mock, {
        ...VERIFIED_TOKEN_CACHE,
        ...(now === undefined ? {} : { now }),
      });
      return { provider, issuer: mock };
    }
    case 'oidc': {
      const { tokenCacheSeconds, ...settings } = config.oidc;
      const oidc = new OidcAuthProvider({
        ...settings,
        clockToleranceSeconds: config.clockToleranceSeconds,
        maxTokenLifetimeSeconds: config.maxTokenLifetimeSeconds,
        ...(now === undefined ? {} : { now }),
      });
      // Also the introspection cache: an opaque token is asked about again after tokenCacheSeconds.
      const provider = new CachingAuthProvider(oidc, {
        maxEntries: VERIFIED_TOKEN_CACHE.maxEntries,
        maxAgeSeconds: tokenCacheSeconds,
        ...(now === undefined ? {} : { now }),
      });
      const credentials = config.serviceCredentials;
      if (credentials === null) return { provider, issuer: null };
      const identity = {
        issuer: settings.issuer,
        projectId: settings.projectId,
        credentials,
        timeoutMs: settings.httpTimeoutMs,
        ...(now === undefined ? {} : { now: () => now().getTime() }),
      };
      return {
        provider,
        issuer: null,
        issuerServiceTokens: (service) => issuerServiceTokenSource(identity, service),
      };
    }
  }
}

/**
 * The identity a service calls others with: a token the mock signs, or with AUTH_PROVIDER=oidc one
 * the issuer grants the machine user. Nothing is fetched before the first call needs a token.
 */
export function serviceIdentity(auth: AuthComponents, service: ServiceName): ServiceTokenSource {
  if (auth.issuer !== null) return createServiceTokenSource(auth.issuer, service);
  if (auth.issuerServiceTokens !== undefined) return auth.issuerServiceTokens(service);
  throw new Error(
    `no service identity is available for ${service}: set ZITADEL_SERVICE_CLIENT_ID and ZITADEL_SERVICE_CLIENT_SECRET`,
  );
}
