import { Type } from 'typebox';
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

export const SessionBody = Type.Object({
  id: Type.String(),
  userId: Type.String(),
  client: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant,
  lastSeenAt: Instant,
  expiresAt: Instant,
});

export const SessionList = Type.Object({ sessions: Type.Array(SessionBody) });

export const RevokedCount = Type.Object({ revoked: Type.Integer() });

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
