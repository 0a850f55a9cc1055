import { needsRenewal } from '../auth-tokens/token-renewer.js';
import { type Session, touchSession } from '../domain/session.js';
import { readCookieSession } from './cookie-session.js';
import type { SecurityLog, SessionDeps } from './deps.js';
import { sessionInvalid } from './errors.js';

/**
 * What the gateway asks on every cookie request: the active session the cookie names, its idle
 * expiry slid forward (written at most once per touch interval) and its access token renewed when
 * it has under a minute left. Anything else is 401 SESSION_INVALID, one answer for every reason.
 */
export async function resolveSession(deps: SessionDeps, cookie: string, log: SecurityLog): Promise<Session> {
  const found = await readCookieSession(deps, cookie, log);
  if (found.state !== 'active') throw sessionInvalid();
  const now = deps.clock.now();
  let session = found.session;
  let changed = false;
  if (now.getTime() - session.lastSeenAt.getTime() >= deps.touchIntervalMs) {
    session = touchSession(session, now, deps.policy);
    changed = true;
  }
  if (needsRenewal(session, now)) {
    const credentials = await deps.renewer.renew(session);
    if (credentials === undefined) {
      await deps.store.remove(session.handle);
      throw sessionInvalid();
    }
    session = { ...session, credentials };
    changed = true;
  }
  if (changed && !(await deps.store.replace(session))) throw sessionInvalid();
  return session;
}
