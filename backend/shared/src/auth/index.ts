import type { AuthConfig, ServiceName } from '../config/index.js';
import { MockAuthProvider } from './mock-provider.js';
import { createServiceTokenSource } from './service-identity.js';
import type { AuthProvider, ServiceTokenSource, TokenIssuer } from './types.js';
import { CachingAuthProvider } from './verified-token-cache.js';

export {
  type AuthPluginOptions,
  adminAccess,
  allowRoles,
  authenticatedUser,
  authentication,
  isAllowed,
  MAX_TOKEN_LENGTH,
  playerAccess,
  publicAccess,
  type RouteAuth,
  readBearerToken,
  serviceAccess,
} from './fastify-auth.js';
export { type MockAuthOptions, MockAuthProvider } from './mock-provider.js';
export { createServiceTokenSource, serviceSubject } from './service-identity.js';
export {
  type AuthenticatedUser,
  type AuthProvider,
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
 * A verification is trusted for at most a minute: short enough that a key rotated at the identity
 * provider (Phase 1C) takes effect at once for practical purposes, long enough to cover a burst.
 */
const VERIFIED_TOKEN_CACHE = { maxEntries: 10_000, maxAgeSeconds: 60 } as const;

export interface AuthComponents {
  readonly provider: AuthProvider;
  /** Present only where the configured provider can mint tokens locally (the mock). */
  readonly issuer: TokenIssuer | null;
}

/** The one place that turns configuration into an auth provider; Phase 1C adds its OIDC branch here. */
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
  }
}

export function serviceIdentity(auth: AuthComponents, service: ServiceName): ServiceTokenSource {
  if (auth.issuer === null) throw new Error(`no service identity is available for ${service}`);
  return createServiceTokenSource(auth.issuer, service);
}
