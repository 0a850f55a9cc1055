import { errorMessage } from '@know-foolery/shared/utils';
import { SessionTamperedError } from '../data/errors.js';
import type { Session } from '../domain/session.js';
import type { SecurityLog, SessionDeps } from './deps.js';
import { logTampered } from './tampering.js';

/**
 * A user's sessions, read for their refresh tokens before they end. A stored value that does not
 * decrypt is logged and skipped: it must not stop a sign-in or a sign-out everywhere.
 */
export async function sessionsToRevoke(
  deps: Pick<SessionDeps, 'store'>,
  userId: string,
  log: SecurityLog,
): Promise<readonly Session[]> {
  try {
    return await deps.store.listByUser(userId);
  } catch (error) {
    if (!(error instanceof SessionTamperedError)) throw error;
    logTampered(log, 'stored');
    return [];
  }
}

/**
 * Revokes the refresh tokens of sessions that ended, at the identity provider, so a copy of one is
 * worth nothing. Best effort: the sessions are gone either way, and a token the provider could not
 * be told about still expires there. A failure is logged with the session's handle, never the token.
 */
export async function revokeRefreshTokens(
  deps: Pick<SessionDeps, 'revoker'>,
  ended: readonly Session[],
  log: SecurityLog,
): Promise<void> {
  await Promise.all(
    ended.map(async (session) => {
      const { refreshToken } = session.credentials;
      if (refreshToken === null) return;
      try {
        await deps.revoker.revokeRefreshToken(refreshToken);
      } catch (error) {
        log.warn(
          { event: 'refresh_token_revocation_failed', handle: session.handle, reason: errorMessage(error) },
          "an ended session's refresh token could not be revoked at the identity provider",
        );
      }
    }),
  );
}
