import type { CachedValuesOptions } from '@know-foolery/shared/cache';
import { TokenRevocation } from './internal.js';

/**
 * Revocation marks as the gateway caches them in front of `GET /internal/v1/revocations/:userId`,
 * which every bearer request would otherwise cost. session-service owns the marks, so it owns this
 * cache's definition: the gateway reads through it, session-service invalidates it.
 *
 * Invalidation rule: writing a user's mark (log out everywhere, deactivation, a role change)
 * invalidates the tag `revocationMarkTag(user)` after the write, in Redis and, over the bus, in every
 * gateway's memory. Only with Redis: without it the two processes share no bus, and the gateway asks
 * session-service every time. The bus reaches a gateway in well under a millisecond, before the
 * response to the revoking request does; a lost bus message, or a lookup in flight while the mark is
 * written, is bounded by the TTL below: a revoked token may pass for at most that long.
 */
export const REVOCATION_MARKS_CACHE = 'sessions';

export const REVOCATION_MARK_BOUND_MS = 5_000;

export const revocationMarkValues = {
  kind: 'revocation-mark',
  schema: TokenRevocation,
  ttlMs: REVOCATION_MARK_BOUND_MS,
  // A mark is served past its TTL only while session-service cannot answer, when the gateway lets
  // bearer tokens through anyway (see the gateway's token-revocation hook).
  graceMs: 60_000,
  firstLevelTtlMs: REVOCATION_MARK_BOUND_MS,
  firstLevelMaxItems: 10_000,
} as const satisfies CachedValuesOptions<typeof TokenRevocation>;

export function revocationMarkTag(userId: string): string {
  return `revocation-mark:${userId}`;
}
