import { documented } from '@know-foolery/shared/http-server';
import { type Static, Type } from 'typebox';
import { SESSION_ID_PATTERN, type Session } from '../domain/session.js';

const Instant = Type.String({ format: 'date-time' });

export const NewSession = Type.Object(
  {
    // A label the player reads back in their device list: printable text only.
    client: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\u0000-\\u001f\\u007f]+$' }),
    ),
  },
  { additionalProperties: false },
);

/** A session's public id is its handle: 43 URL-safe characters, like the secret id it hides. */
export const SessionParams = Type.Object(
  { id: Type.String({ pattern: SESSION_ID_PATTERN }) },
  { additionalProperties: false },
);

/** What a player sees of a session: never its secret id, its tokens or its CSRF token. */
const SessionView = Type.Object({
  id: Type.String({ description: "The session's public id" }),
  userId: Type.String(),
  client: Type.Union([Type.String(), Type.Null()]),
  current: Type.Boolean({ description: "Whether it is the session of this request's cookie" }),
  createdAt: Instant,
  lastSeenAt: Instant,
  expiresAt: Instant,
  authenticatedAt: Type.String({ format: 'date-time', description: 'When the player proved who they are' }),
});
type SessionView = Static<typeof SessionView>;

const CsrfToken = Type.String({
  description: 'Send it back in the X-CSRF-Token header of every state-changing request made with the cookie',
});

const SESSION_EXAMPLE: SessionView = {
  id: 'Jk3v9QxW2mTfK8wLp0aB7cD1eF4gH6iJ5kL8mN0oP2q',
  userId: 'ann',
  client: 'Ann’s phone',
  current: true,
  createdAt: '2026-11-25T10:00:00.000Z',
  lastSeenAt: '2026-11-25T10:05:00.000Z',
  expiresAt: '2026-11-25T11:05:00.000Z',
  authenticatedAt: '2026-11-25T09:59:58.000Z',
};
const CSRF_EXAMPLE = 'q8Xr2mT0vW5yZ1aB3cD4eF6gH7iJ9kL0mN2oP4qR6sT';

export const SessionBody = documented(SessionView, 'The session', [SESSION_EXAMPLE]);

const SessionWithCsrf = Type.Object({ session: SessionView, csrfToken: CsrfToken });

export const OpenedSession = documented(
  SessionWithCsrf,
  'The session, opened; the Set-Cookie header carries its cookie (HttpOnly, SameSite=Lax)',
  [{ session: SESSION_EXAMPLE, csrfToken: CSRF_EXAMPLE }],
);

export const CurrentSession = documented(SessionWithCsrf, "The session of the request's cookie", [
  { session: SESSION_EXAMPLE, csrfToken: CSRF_EXAMPLE },
]);

export const SessionList = documented(
  Type.Object({ items: Type.Array(SessionView) }),
  "The caller's active sessions, oldest first",
  [{ items: [SESSION_EXAMPLE] }],
);

export const RevokedCount = documented(
  Type.Object({ revoked: Type.Integer({ minimum: 0 }) }),
  'How many sessions were ended; every token issued to the caller until now is refused from now on',
  [{ revoked: 2 }],
);

export function sessionView(session: Session, currentHandle: string | undefined): SessionView {
  return {
    id: session.handle,
    userId: session.userId,
    client: session.client,
    current: session.handle === currentHandle,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    authenticatedAt: session.authenticatedAt.toISOString(),
  };
}
