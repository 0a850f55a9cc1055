import { SERVICE_TOKEN_TTL_SECONDS, type ServiceCredentials, type ServiceName } from '../config/index.js';
import { ClientCredentialsTokenSource } from './oidc/client-credentials.js';
import type { ServiceTokenSource, TokenIssuer } from './types.js';

/** Renew a cached service token this long before it expires, so a call never carries a stale one. */
const RENEW_BEFORE_EXPIRY_MS = 60_000;

/** The subject of a mock service token; with Zitadel the subject is the machine user's id. */
export function serviceSubject(service: ServiceName): string {
  return `service:${service}`;
}

/** A service identity the mock provider signs locally. */
export function createServiceTokenSource(
  issuer: TokenIssuer,
  service: ServiceName,
  now: () => number = Date.now,
): ServiceTokenSource {
  let cached: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  const renew = async (): Promise<string> => {
    const issued = await issuer.issueToken({
      subject: serviceSubject(service),
      roles: ['service'],
      name: `${service}-service`,
      ttlSeconds: SERVICE_TOKEN_TTL_SECONDS,
    });
    cached = { token: issued.accessToken, renewAt: issued.expiresAt.getTime() - RENEW_BEFORE_EXPIRY_MS };
    return issued.accessToken;
  };

  return {
    async token() {
      if (cached && now() < cached.renewAt) return cached.token;
      pending ??= renew().finally(() => {
        pending = undefined;
      });
      return pending;
    },
  };
}

/** The services that call Zitadel's own API (users, grants), whose tokens must also name Zitadel's audience. */
const ZITADEL_API_CALLERS: readonly ServiceName[] = ['admin'];

/**
 * What a service asks Zitadel for: a token whose `aud` holds the platform's project, with the
 * project's roles asserted (https://zitadel.com/docs/apis/openidoauth/scopes); a service that calls
 * Zitadel's API also asks for Zitadel's own audience
 * (https://zitadel.com/docs/guides/integrate/zitadel-apis/access-zitadel-apis).
 */
export function serviceTokenScope(projectId: string, service: ServiceName): string {
  const scopes = [
    'openid',
    `urn:zitadel:iam:org:project:id:${projectId}:aud`,
    'urn:zitadel:iam:org:projects:roles',
  ];
  if (ZITADEL_API_CALLERS.includes(service)) scopes.push('urn:zitadel:iam:org:project:id:zitadel:aud');
  return scopes.join(' ');
}

export interface IssuerServiceIdentity {
  readonly issuer: string;
  readonly projectId: string;
  readonly credentials: ServiceCredentials;
  readonly timeoutMs: number;
  readonly now?: () => number;
}

/** A service identity from the identity provider: the machine user's client credentials grant. */
export function issuerServiceTokenSource(
  identity: IssuerServiceIdentity,
  service: ServiceName,
): ServiceTokenSource {
  return new ClientCredentialsTokenSource({
    issuer: identity.issuer,
    credentials: identity.credentials,
    scope: serviceTokenScope(identity.projectId, service),
    timeoutMs: identity.timeoutMs,
    ...(identity.now === undefined ? {} : { now: identity.now }),
  });
}
