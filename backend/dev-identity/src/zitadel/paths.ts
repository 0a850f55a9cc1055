/**
 * Zitadel's endpoint paths, so code written against the stand-in works unchanged against Zitadel.
 * Source: https://zitadel.com/docs/apis/openidoauth/endpoints
 */
export const ZITADEL_PATHS = {
  discovery: '/.well-known/openid-configuration',
  authorization: '/oauth/v2/authorize',
  token: '/oauth/v2/token',
  introspection: '/oauth/v2/introspect',
  revocation: '/oauth/v2/revoke',
  jwks: '/oauth/v2/keys',
  userinfo: '/oidc/v1/userinfo',
  endSession: '/oidc/v1/end_session',
} as const;

/** The stand-in's own paths: its login pages and the development-only key rotation. */
export const DEV_IDENTITY_PATHS = {
  loginPrefix: '/ui/login/',
  rotateSigningKey: '/dev/keys/rotate',
} as const;

/**
 * Health checks answered 200 while the process serves: Zitadel's (https://zitadel.com/docs/apis/observability/health)
 * and the platform's own, so the launcher can wait for the stand-in as for a service.
 */
export const HEALTH_PATHS: ReadonlySet<string> = new Set([
  '/debug/healthz',
  '/debug/ready',
  '/health',
  '/health/live',
  '/health/ready',
]);
