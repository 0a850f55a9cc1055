import { randomBytes } from 'node:crypto';
import { SessionHandles } from '../src/crypto/session-handles.js';
import { newSessionId, openSession, type Session, type SessionPolicy } from '../src/domain/session.js';

const handles = new SessionHandles(randomBytes(32));

export interface TestSessionOptions {
  readonly now: Date;
  readonly policy: SessionPolicy;
  readonly client?: string | null;
}

/** A session as a mock-auth login opens it: a fresh id, its handle, tokens and a CSRF token. */
export function testSession(userId: string, options: TestSessionOptions): Session {
  const id = newSessionId();
  return openSession({
    id,
    handle: handles.handleOf(id),
    identity: { userId, roles: ['player'], name: `${userId} the player` },
    client: options.client ?? null,
    csrfToken: newSessionId(),
    authentication: { authenticatedAt: options.now, authMethods: ['mock'] },
    credentials: {
      accessToken: `token-of-${userId}-${randomBytes(8).toString('hex')}`,
      accessTokenExpiresAt: new Date(options.now.getTime() + 15 * 60_000),
      refreshToken: null,
      idToken: null,
    },
    now: options.now,
    policy: options.policy,
  });
}
