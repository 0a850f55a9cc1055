import type { AuthenticatedUser } from '@know-foolery/shared/auth';
import {
  newSessionId,
  openSession,
  type Session,
  type SessionAuthentication,
  type SessionCredentials,
} from '../domain/session.js';
import { readCookieSession } from './cookie-session.js';
import type { SecurityLog, SessionDeps } from './deps.js';
import { tokenRevoked } from './errors.js';
import { revokeRefreshTokens, sessionsToRevoke } from './refresh-token-revocation.js';

export interface OpenSessionRequest {
  /** The caller, as their verified bearer token says. */
  readonly user: AuthenticatedUser;
  /** That token: the session sends it on as its access token. */
  readonly accessToken: string;
  readonly client: string | null;
  /** The session cookie the request came with, if any: that session is replaced. */
  readonly cookie: string | undefined;
}

/** A session for a verified token: how the player signed in, and every token the session keeps. */
export interface VerifiedSessionRequest {
  readonly user: AuthenticatedUser;
  readonly authentication: SessionAuthentication;
  readonly credentials: SessionCredentials;
  readonly client: string | null;
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
 * Stores a new session. A session the request's cookie named ends in the same step (rotation: a
 * new id whenever someone signs in, so an id planted before sign-in is worth nothing), and so do
 * the owner's oldest beyond the limit; the refresh tokens of every session that ended are revoked.
 * The revocation mark is checked before and after storing: a log-out-everywhere that lands in
 * between has either ended the new session already or is seen by the second check.
 */
export async function openVerifiedSession(
  deps: SessionDeps,
  request: VerifiedSessionRequest,
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
    authentication: request.authentication,
    credentials: request.credentials,
    now: deps.clock.now(),
    policy: deps.policy,
  });
  const previous = await readCookieSession(deps, request.cookie, log);
  const ended: Session[] = [];
  if (previous.state === 'active') ended.push(previous.session);
  const rotated =
    previous.state === 'active' &&
    previous.session.userId === user.id &&
    (await deps.store.rotate(previous.session.handle, session));
  if (!rotated) {
    if (previous.state === 'active') await deps.store.remove(previous.session.handle);
    // Read first for their refresh tokens: the store answers only the handles of those it ends.
    const others = await sessionsToRevoke(deps, user.id, log);
    const evicted = await deps.store.add(session, deps.policy.maxPerUser);
    ended.push(...others.filter((other) => evicted.includes(other.handle)));
  }
  try {
    await assertNotRevoked(deps, user);
  } catch (error) {
    await deps.store.remove(session.handle);
    throw error;
  }
  await revokeRefreshTokens(deps, ended, log);
  return { session, cookie: deps.signer.sign(id) };
}

/**
 * Opens a session for the caller's bearer token. It holds no refresh token: the mock issuer renews
 * it; with OpenID Connect it ends when the token expires (signing in through the gateway keeps one).
 */
export function openSessionForToken(
  deps: SessionDeps,
  request: OpenSessionRequest,
  log: SecurityLog,
): Promise<OpenedSession> {
  const { user } = request;
  return openVerifiedSession(
    deps,
    {
      user,
      authentication: { authenticatedAt: user.issuedAt, authMethods: deps.authMethods },
      credentials: {
        accessToken: request.accessToken,
        accessTokenExpiresAt: user.expiresAt,
        refreshToken: null,
        idToken: null,
      },
      client: request.client,
      cookie: request.cookie,
    },
    log,
  );
}
