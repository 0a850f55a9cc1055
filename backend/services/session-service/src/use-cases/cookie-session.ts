import { SessionTamperedError } from '../data/errors.js';
import { isActive, type Session } from '../domain/session.js';
import type { SecurityLog, SessionDeps } from './deps.js';
import { logTampered } from './tampering.js';

/** What a session cookie stands for: nothing (absent, ended, expired), tampered data, or an active session. */
export type CookieSession =
  | { readonly state: 'none' }
  | { readonly state: 'tampered' }
  | { readonly state: 'active'; readonly session: Session };

const NONE: CookieSession = { state: 'none' };
const TAMPERED: CookieSession = { state: 'tampered' };

/** The handle of the session a cookie names, when the cookie carries our signature; no store is read. */
export function handleOfCookie(deps: SessionDeps, cookie: string | undefined): string | undefined {
  const id = cookie === undefined ? undefined : deps.signer.verify(cookie);
  return id === undefined ? undefined : deps.handles.handleOf(id);
}

/**
 * Reads the session a cookie names. A cookie without a valid signature (altered, forged, or signed
 * by a key no longer configured) and a stored value that fails decryption are logged as security
 * events: with the handle when there is one, never the session id or the cookie.
 */
export async function readCookieSession(
  deps: SessionDeps,
  cookie: string | undefined,
  log: SecurityLog,
): Promise<CookieSession> {
  if (cookie === undefined) return NONE;
  const id = deps.signer.verify(cookie);
  if (id === undefined) {
    logTampered(log, 'cookie');
    return TAMPERED;
  }
  const handle = deps.handles.handleOf(id);
  let session: Session | undefined;
  try {
    session = await deps.store.find(handle);
  } catch (error) {
    if (!(error instanceof SessionTamperedError)) throw error;
    logTampered(log, 'stored', handle);
    return TAMPERED;
  }
  if (session === undefined || !isActive(session, deps.clock.now())) return NONE;
  return { state: 'active', session };
}
