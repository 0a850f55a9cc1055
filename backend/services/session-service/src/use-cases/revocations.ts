import type { SecurityLog, SessionDeps } from './deps.js';
import { revokeRefreshTokens, sessionsToRevoke } from './refresh-token-revocation.js';

/**
 * Ends every session of a user and refuses every token issued to them before now; their refresh
 * tokens are revoked at the identity provider. The mark comes first: a session opened meanwhile
 * then either is ended here or sees the mark (see open-session).
 */
export async function endEverySession(deps: SessionDeps, userId: string, log: SecurityLog): Promise<number> {
  const sessions = await sessionsToRevoke(deps, userId, log);
  await deps.revocations.revokeBefore(userId, deps.clock.now());
  const ended = await deps.store.removeByUser(userId);
  await revokeRefreshTokens(deps, sessions, log);
  return ended;
}

export function tokensRevokedBefore(deps: SessionDeps, userId: string): Promise<Date | undefined> {
  return deps.revocations.revokedBefore(userId);
}
