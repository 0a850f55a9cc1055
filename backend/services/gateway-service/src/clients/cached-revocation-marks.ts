import { revocationMarkTag, revocationMarkValues } from '@know-foolery/session-service/contract';
import type { PlatformCache } from '@know-foolery/shared/cache';
import type { SessionDirectory } from './session-client.js';

/**
 * session-service's revocation marks read through the platform cache, as its contract defines them
 * (revocation-marks-cache.ts says when a mark is invalidated and how long a stale one can last).
 * One lookup per user and TTL instead of one per bearer request; a failed lookup is not cached,
 * and fails the caller as before.
 */
export function cachedRevocationMarks(sessions: SessionDirectory, cache: PlatformCache): SessionDirectory {
  const marks = cache.define(revocationMarkValues);
  return {
    resolve: (cookie, context) => sessions.resolve(cookie, context),
    async tokensIssuedBefore(userId, context) {
      const { tokensIssuedBefore } = await marks.getOrLoad(userId, {
        tags: [revocationMarkTag(userId)],
        load: async () => {
          const mark = await sessions.tokensIssuedBefore(userId, context);
          return { tokensIssuedBefore: mark === null ? null : mark.toISOString() };
        },
      });
      return tokensIssuedBefore === null ? null : new Date(tokensIssuedBefore);
    },
  };
}
