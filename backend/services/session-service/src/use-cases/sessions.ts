import { type Session, touchSession } from '../domain/session.js';
import { readCookieSession } from './cookie-session.js';
import type { SecurityLog, SessionDeps } from './deps.js';
import { sessionInvalid, sessionNotFound } from './errors.js';
import { revokeRefreshTokens } from './refresh-token-revocation.js';
import { refusingTampered } from './tampering.js';

async function ownedSession(
  deps: SessionDeps,
  userId: string,
  handle: string,
  log: SecurityLog,
): Promise<Session> {
  const session = await refusingTampered(log, handle, () => deps.store.find(handle));
  if (session === undefined || session.userId !== userId) throw sessionNotFound();
  return session;
}

export function listSessions(
  deps: SessionDeps,
  userId: string,
  log: SecurityLog,
): Promise<readonly Session[]> {
  return refusingTampered(log, undefined, () => deps.store.listByUser(userId));
}

export function findSession(
  deps: SessionDeps,
  userId: string,
  handle: string,
  log: SecurityLog,
): Promise<Session> {
  return ownedSession(deps, userId, handle, log);
}

/** A touch that meets a write of the credentials (a renewal) reads the session again and retries, this often. */
const TOUCH_ATTEMPTS = 3;

/** Records activity: the idle expiry starts again, capped by the session's maximum lifetime. */
export async function touch(
  deps: SessionDeps,
  userId: string,
  handle: string,
  log: SecurityLog,
): Promise<Session> {
  for (let attempt = 0; attempt < TOUCH_ATTEMPTS; attempt += 1) {
    const session = await ownedSession(deps, userId, handle, log);
    const touched = touchSession(session, deps.clock.now(), deps.policy);
    if (await deps.store.replace(touched, session.credentialsVersion)) return touched;
  }
  throw sessionNotFound();
}

export async function endSession(
  deps: SessionDeps,
  userId: string,
  handle: string,
  log: SecurityLog,
): Promise<void> {
  const session = await ownedSession(deps, userId, handle, log);
  if (!(await deps.store.remove(handle))) throw sessionNotFound();
  await revokeRefreshTokens(deps, [session], log);
}

/** The caller's session that the request's cookie names: 404 without one, 401 for a tampered cookie or stored value. */
export async function currentSession(
  deps: SessionDeps,
  userId: string,
  cookie: string | undefined,
  log: SecurityLog,
): Promise<Session> {
  const found = await readCookieSession(deps, cookie, log);
  if (found.state === 'tampered') throw sessionInvalid();
  if (found.state !== 'active' || found.session.userId !== userId) throw sessionNotFound();
  return found.session;
}

/**
 * Signs out this device: ends the session the cookie names, if it is the caller's. True when one
 * ended; either way the cookie names no session afterwards, which is what the caller asked for.
 */
export async function endCurrentSession(
  deps: SessionDeps,
  userId: string,
  cookie: string | undefined,
  log: SecurityLog,
): Promise<boolean> {
  const found = await readCookieSession(deps, cookie, log);
  if (found.state === 'tampered') throw sessionInvalid();
  if (found.state !== 'active' || found.session.userId !== userId) return false;
  const ended = await deps.store.remove(found.session.handle);
  if (ended) await revokeRefreshTokens(deps, [found.session], log);
  return ended;
}
