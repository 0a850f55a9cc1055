import { ROLES } from '@know-foolery/shared/auth';
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type { Session } from '../domain/session.js';
import { SessionTamperedError } from './errors.js';

const Instant = Type.String({ format: 'date-time' });
const NullableString = Type.Union([Type.String(), Type.Null()]);

/** A session as JSON inside its sealed store value: dates as ISO strings. */
const SessionRecord = Type.Object(
  {
    id: Type.String(),
    handle: Type.String(),
    userId: Type.String(),
    roles: Type.Array(Type.Union(ROLES.map((role) => Type.Literal(role)))),
    name: NullableString,
    client: NullableString,
    csrfToken: Type.String(),
    authenticatedAt: Instant,
    authMethods: Type.Array(Type.String()),
    credentials: Type.Object(
      {
        accessToken: Type.String(),
        accessTokenExpiresAt: Instant,
        refreshToken: NullableString,
        idToken: NullableString,
      },
      { additionalProperties: false },
    ),
    // Optional: sessions stored before renewals were claimed have neither; they read as never claimed.
    credentialsVersion: Type.Optional(Type.String()),
    renewalClaimedUntil: Type.Optional(Type.Union([Instant, Type.Null()])),
    createdAt: Instant,
    lastSeenAt: Instant,
    expiresAt: Instant,
  },
  { additionalProperties: false },
);

const sessionRecord = Compile(SessionRecord);

export function encodeSession(session: Session): string {
  return JSON.stringify(session);
}

/**
 * The session in a decrypted value. The value was authenticated, so a malformed one means the keys
 * were misused or the format changed without a migration: refused like tampering, never trusted.
 */
export function decodeSession(json: string): Session {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new SessionTamperedError('a stored session is not JSON', { cause: error });
  }
  if (!sessionRecord.Check(parsed))
    throw new SessionTamperedError('a stored session has an unexpected shape');
  const { renewalClaimedUntil } = parsed;
  return {
    ...parsed,
    credentialsVersion: parsed.credentialsVersion ?? '',
    renewalClaimedUntil:
      renewalClaimedUntil === undefined || renewalClaimedUntil === null
        ? null
        : new Date(renewalClaimedUntil),
    authenticatedAt: new Date(parsed.authenticatedAt),
    credentials: {
      ...parsed.credentials,
      accessTokenExpiresAt: new Date(parsed.credentials.accessTokenExpiresAt),
    },
    createdAt: new Date(parsed.createdAt),
    lastSeenAt: new Date(parsed.lastSeenAt),
    expiresAt: new Date(parsed.expiresAt),
  };
}
