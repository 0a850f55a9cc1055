import type { FastifyInstance, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { AuthProviderKind } from '../config/index.js';
import { AppError, ErrorCode } from '../errors/index.js';
import {
  type AuthenticatedUser,
  type AuthProvider,
  IdentityProviderUnavailableError,
  InvalidTokenError,
  type Role,
} from './types.js';

/** What a route demands of its caller. Every route declares one; there is no implicit default. */
export type RouteAuth = { readonly public: true } | { readonly roles: readonly Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    user: AuthenticatedUser | null;
    /** The verified bearer token, kept so calls to other services can forward it. */
    bearerToken: string | null;
  }
}

// Stryker disable next-line BooleanLiteral: only the key is read ('public' in auth), never its value
export const publicAccess: RouteAuth = { public: true };
export const playerAccess: RouteAuth = { roles: ['player', 'admin'] };
export const adminAccess: RouteAuth = { roles: ['admin'] };
export const serviceAccess: RouteAuth = { roles: ['service'] };

export function allowRoles(...roles: Role[]): RouteAuth {
  return { roles };
}

/** The one authorization rule: the caller holds at least one of the roles the route allows. */
export function isAllowed(user: AuthenticatedUser, auth: RouteAuth): boolean {
  if ('public' in auth) return true;
  return user.roles.some((role) => auth.roles.includes(role));
}

export const MAX_TOKEN_LENGTH = 4096;
const REALM = 'know-foolery';

/** What a bearer token may look like: a JWT, or also an opaque token (RFC 6750's b64token). */
export type BearerFormat = 'jwt' | 'jwt-or-opaque';

const BEARER: Readonly<Record<BearerFormat, { readonly grammar: RegExp; readonly expected: string }>> = {
  jwt: {
    grammar: /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/i,
    expected: 'the Authorization header must be "Bearer <jwt>"',
  },
  'jwt-or-opaque': {
    grammar: /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i,
    expected: 'the Authorization header must be "Bearer <token>"',
  },
};

/** Only an identity provider issues opaque tokens (it introspects them); the mock signs JWTs only. */
const BEARER_FORMAT: Readonly<Record<AuthProviderKind, BearerFormat>> = {
  mock: 'jwt',
  oidc: 'jwt-or-opaque',
};

/** Long enough for a provider that was down a moment to be back, short enough not to lose the caller. */
const PROVIDER_RETRY_AFTER_SECONDS = 5;

function unauthenticated(description: string | null): AppError {
  const challenge =
    description === null
      ? `Bearer realm="${REALM}"`
      : `Bearer realm="${REALM}", error="invalid_token", error_description="${description}"`;
  return new AppError(401, ErrorCode.unauthenticated, description ?? 'a bearer token is required', {
    headers: { 'www-authenticate': challenge },
  });
}

function identityProviderUnavailable(cause: IdentityProviderUnavailableError): AppError {
  return new AppError(
    503,
    ErrorCode.upstreamUnavailable,
    'the identity provider cannot be reached to check the token, try again shortly',
    { headers: { 'retry-after': String(PROVIDER_RETRY_AFTER_SECONDS) }, cause },
  );
}

function insufficientRole(auth: RouteAuth): AppError {
  const roles = 'roles' in auth ? auth.roles.join(' or ') : '';
  return new AppError(403, ErrorCode.forbidden, `this action requires the ${roles} role`, {
    headers: { 'www-authenticate': `Bearer realm="${REALM}", error="insufficient_scope"` },
  });
}

export function readBearerToken(header: string | undefined, format: BearerFormat = 'jwt'): string {
  if (header === undefined || header.trim() === '') throw unauthenticated(null);
  if (header.length > MAX_TOKEN_LENGTH + 'Bearer '.length) throw unauthenticated('the token is too long');
  const bearer = BEARER[format];
  const match = bearer.grammar.exec(header.trim());
  if (!match?.[1]) throw unauthenticated(bearer.expected);
  return match[1];
}

/** The caller of a route that required authentication; a programming error if called on a public route. */
export function authenticatedUser(request: FastifyRequest): AuthenticatedUser {
  if (request.user === null) throw unauthenticated(null);
  return request.user;
}

export interface AuthPluginOptions {
  readonly provider: AuthProvider;
  /** Routes registered by third-party plugins (API docs) that cannot carry `config.auth`; public. */
  readonly publicPathPrefixes?: readonly string[];
}

async function authPlugin(app: FastifyInstance, options: AuthPluginOptions): Promise<void> {
  // Stryker disable next-line ArrayDeclaration: paths start with "/", never with the mutant's text
  const publicPrefixes = options.publicPathPrefixes ?? [];
  const bearerFormat = BEARER_FORMAT[options.provider.kind];
  app.decorateRequest('user', null);
  app.decorateRequest('bearerToken', null);

  // Fail closed at start-up: a route that forgot to say who may call it never goes live.
  app.addHook('onRoute', (route) => {
    if (route.config?.auth !== undefined) return;
    if (publicPrefixes.some((prefix) => route.url.startsWith(prefix))) return;
    throw new Error(`route ${String(route.method)} ${route.url} must declare config.auth`);
  });

  app.addHook('onRequest', async (request) => {
    const auth = request.routeOptions.config.auth;
    if (auth === undefined || 'public' in auth) return;
    const token = readBearerToken(request.headers.authorization, bearerFormat);
    try {
      request.user = await options.provider.verifyAccessToken(token);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw unauthenticated(error.description);
      if (error instanceof IdentityProviderUnavailableError) throw identityProviderUnavailable(error);
      throw error;
    }
    request.bearerToken = token;
    if (!isAllowed(request.user, auth)) throw insufficientRole(auth);
  });
}

// Stryker disable next-line ObjectLiteral,StringLiteral: metadata for Fastify's registry; nothing asks for it
export const authentication = fastifyPlugin(authPlugin, { name: 'know-foolery-auth', fastify: '5.x' });
