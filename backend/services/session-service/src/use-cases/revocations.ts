import type { SessionDeps } from './deps.js';

/**
 * Ends every session of a user and refuses every token issued to them before now. The mark comes
 * first: a session opened meanwhile then either is ended here or sees the mark (see open-session).
 */
export async function endEverySession(deps: SessionDeps, userId: string): Promise<number> {
  await deps.revocations.revokeBefore(userId, deps.clock.now());
  return deps.store.removeByUser(userId);
}

export function tokensRevokedBefore(deps: SessionDeps, userId: string): Promise<Date | undefined> {
  return deps.revocations.revokedBefore(userId);
}
