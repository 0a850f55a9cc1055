import { type Session, touchSession } from '../domain/session.js';
import { readCookieSession } from './cookie-session.js';
import type { SecurityLog, SessionDeps } from './deps.js';
import { sessionInvalid } from './errors.js';
import { withUsableCredentials } from './renew-credentials.js';
import { refusingTampered } from './tampering.js';

/**
 * What the gateway asks on every cookie request: the active session the cookie names, its access
 * token renewed when it has under a minute left, and its idle expiry slid forward (written at most
 * once per touch interval). An unusable session is 401 SESSION_INVALID, one answer for every
 * reason; a token that expired while the identity provider cannot renew it is 503.
 */
export async function resolveSession(deps: SessionDeps, cookie: string, log: SecurityLog): Promise<Session> {
  const found = await readCookieSession(deps, cookie, log);
  if (found.state !== 'active') throw sessionInvalid();
  const session = await withUsableCredentials(deps, found.session, log);
  const now = deps.clock.now();
  if (now.getTime() - session.lastSeenAt.getTime() < deps.touchIntervalMs) return session;
  const touched = touchSession(session, now, deps.policy);
  if (await deps.store.replace(touched, session.credentialsVersion)) return touched;
  // Ended, or its credentials moved on meanwhile (a renewal elsewhere): the touch waits for the next resolve.
  const current = await refusingTampered(log, session.handle, () => deps.store.find(session.handle));
  if (current === undefined) throw sessionInvalid();
  return current;
}
