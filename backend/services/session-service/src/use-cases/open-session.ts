import type { AuthenticatedUser } from '@know-foolery/shared/auth';
import { newSessionId, openSession, type Session } from '../domain/session.js';
import { readCookieSession } from './cookie-session.js';
import type { SecurityLog, SessionDeps } from './deps.js';
import { tokenRevoked } from './errors.js';

export interface OpenSessionRequest {
  /** The caller, as their verified bearer token says. */
  readonly user: AuthenticatedUser;
  /** That token: the session sends it on as its access token. */
  readonly accessToken: string;
  readonly client: string | null;
  /** The session cookie the request came with, if any: that session is replaced. */
  readonly cookie: string | undefined;
}

export interface OpenedSession {
  readonly session: Session;
  /** The signed session id: the new cookie's value. */
  readonly cookie: string;
}

async function assertNotRevoked(deps: SessionDeps, user: AuthenticatedUser): Promise<void> {
  const revokedBefore = await deps.revocations.revokedBefore(user.id);
  if (revokedBefore !== undefined && user.issuedAt.getTime() < revokedBefore.getTime()) throw tokenRevoked();
}

/**
 * Opens a session for the caller's token. A session the request's cookie named ends in the same
 * step (rotation: a new id whenever someone signs in, so an id planted before sign-in is worth
 * nothing). The revocation mark is checked before and after storing: a log-out-everywhere that
 * lands in between has either ended the new session already or is seen by the second check.
 */
export async function openSessionForToken(
  deps: SessionDeps,
  request: OpenSessionRequest,
  log: SecurityLog,
): Promise<OpenedSession> {
  const { user } = request;
  await assertNotRevoked(deps, user);
  const id = newSessionId();
  const session = openSession({
    id,
    handle: deps.handles.handleOf(id),
    identity: { userId: user.id, roles: user.roles, name: user.name },
    client: request.client,
    // Same shape as an id: 32 random bytes, base64url.
    csrfToken: newSessionId(),
    authentication: { authenticatedAt: user.issuedAt, authMethods: deps.authMethods },
    credentials: {
      accessToken: request.accessToken,
      accessTokenExpiresAt: user.expiresAt,
      refreshToken: null,
      idToken: null,
    },
    now: deps.clock.now(),
    policy: deps.policy,
  });
  const previous = await readCookieSession(deps, request.cookie, log);
  if (previous.state === 'active' && previous.session.userId === user.id) {
    if (!(await deps.store.rotate(previous.session.handle, session))) {
      await deps.store.add(session, deps.policy.maxPerUser);
    }
  } else {
    if (previous.state === 'active') await deps.store.remove(previous.session.handle);
    await deps.store.add(session, deps.policy.maxPerUser);
  }
  try {
    await assertNotRevoked(deps, user);
  } catch (error) {
    await deps.store.remove(session.handle);
    throw error;
  }
  return { session, cookie: deps.signer.sign(id) };
}
