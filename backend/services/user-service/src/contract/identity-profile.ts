import { type Static, type TSchema, Type } from 'typebox';
import { USER_ID_MAX_LENGTH } from './limits.js';

/**
 * `/internal/v1/users/:userId/identity-profile`, called with a service's own identity: the gateway
 * hands over, at each sign-in, what the identity provider says of the person (the ID token's or
 * userinfo's standard claims), and user-service creates or refreshes the profile with it.
 */

export const IDENTITY_PROFILE_ROUTE = '/internal/v1/users/:userId/identity-profile';

export function identityProfilePath(userId: string): string {
  return `/internal/v1/users/${encodeURIComponent(userId)}/identity-profile`;
}

/** Zitadel's limit on display names and usernames. */
export const IDENTITY_NAME_MAX_LENGTH = 200;
/** The longest address a mail path takes (RFC 5321 section 4.5.3.1.3). */
export const EMAIL_MAX_LENGTH = 254;
/** BCP 47 tags in use are far shorter; 35 is the length every conforming implementation must take (RFC 5646 section 4.4.1). */
export const LOCALE_MAX_LENGTH = 35;

/** Text fit to show as it is: no control characters. */
const PRINTABLE = '^[^\\u0000-\\u001f\\u007f]+$';

/** The person's full name (`name`), as the identity provider shows it. */
export const IdentityName = Type.String({
  minLength: 1,
  maxLength: IDENTITY_NAME_MAX_LENGTH,
  pattern: PRINTABLE,
});
/** The name they sign in with (`preferred_username`). */
export const PreferredUsername = Type.String({
  minLength: 1,
  maxLength: IDENTITY_NAME_MAX_LENGTH,
  pattern: PRINTABLE,
});
/** An address as the identity provider keeps it (`email`): one `@`, no spaces. */
export const Email = Type.String({
  minLength: 3,
  maxLength: EMAIL_MAX_LENGTH,
  pattern: '^[^@\\s]+@[^@\\s]+$',
});
/** A BCP 47 language tag (`locale`), e.g. `en` or `de-CH`. */
export const Locale = Type.String({
  minLength: 2,
  maxLength: LOCALE_MAX_LENGTH,
  pattern: '^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$',
});

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const UserIdParams = Type.Object(
  { userId: Type.String({ minLength: 1, maxLength: USER_ID_MAX_LENGTH }) },
  { additionalProperties: false },
);
export type UserIdParams = Static<typeof UserIdParams>;

/** What the identity provider said at sign-in; null for what it did not say (or said unusably). */
export const IdentityProfileBody = Type.Object(
  {
    name: Nullable(IdentityName),
    preferredUsername: Nullable(PreferredUsername),
    email: Nullable(Email),
    /** Whether the identity provider verified the address; null when it did not say. */
    emailVerified: Type.Union([Type.Boolean(), Type.Null()]),
    locale: Nullable(Locale),
  },
  { additionalProperties: false },
);
export type IdentityProfileBody = Static<typeof IdentityProfileBody>;

/**
 * A player's profile with what the identity provider last said of them. The display name is the
 * player's own (chosen in the game, or made from the identity's name when the profile was created):
 * a sign-in never changes it. `refreshedAt` is null until the first sign-in through the provider.
 */
export const IdentityProfile = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  preferredUsername: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  emailVerified: Type.Union([Type.Boolean(), Type.Null()]),
  locale: Type.Union([Type.String(), Type.Null()]),
  refreshedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type IdentityProfile = Static<typeof IdentityProfile>;
