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

export const SessionParams = Type.Object(
  { id: Type.String({ pattern: SESSION_ID_PATTERN }) },
  { additionalProperties: false },
);

const SessionFields = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  client: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
  lastSeenAt: Instant,
  expiresAt: Instant,
});

const SESSION_EXAMPLE: Static<typeof SessionFields> = {
  id: 'Jk3v9QxW2mTfK8wLp0aB7cD1eF4gH6iJ5kL8mN0oP2q',
  userId: 'ann',
  client: 'Ann’s phone',
  createdAt: '2026-11-25T10:00:00.000Z',
  lastSeenAt: '2026-11-25T10:05:00.000Z',
  expiresAt: '2026-11-25T11:05:00.000Z',
};

export const SessionBody = documented(SessionFields, 'The session', [SESSION_EXAMPLE]);
export const OpenedSession = documented(SessionFields, 'The session, opened', [SESSION_EXAMPLE]);

export const SessionList = documented(
  Type.Object({ items: Type.Array(SessionFields) }),
  "The caller's active sessions, oldest first",
  [{ items: [SESSION_EXAMPLE] }],
);

export const RevokedCount = documented(
  Type.Object({ revoked: Type.Integer({ minimum: 0 }) }),
  'How many sessions were ended',
  [{ revoked: 2 }],
);

export function sessionBody(session: Session) {
  return {
    id: session.id,
    userId: session.userId,
    client: session.client,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
  };
}
