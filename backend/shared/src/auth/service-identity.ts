import { SERVICE_TOKEN_TTL_SECONDS, type ServiceName } from '../config/index.js';
import type { ServiceTokenSource, TokenIssuer } from './types.js';

/** Renew a cached service token this long before it expires, so a call never carries a stale one. */
const RENEW_BEFORE_EXPIRY_MS = 60_000;

export function serviceSubject(service: ServiceName): string {
  return `service:${service}`;
}

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
