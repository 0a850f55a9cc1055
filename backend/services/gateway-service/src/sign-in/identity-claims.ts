import { SESSION_NAME_MAX_LENGTH } from '@know-foolery/session-service/contract';
import {
  Email,
  IdentityName,
  type IdentityProfileBody,
  Locale,
  PreferredUsername,
} from '@know-foolery/user-service/contract';
import type { TProperties, TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';

/**
 * Who signed in, as the identity provider describes them: `name`, `preferred_username`, `email`,
 * `email_verified` and `locale`, each null when it was not said or not fit to keep. Shaped as
 * user-service keeps it.
 */
export type IdentityClaims = IdentityProfileBody;

/** Said nothing at all: what an ID token without the profile and email claims comes to. */
export const NO_IDENTITY_CLAIMS: IdentityClaims = {
  name: null,
  preferredUsername: null,
  email: null,
  emailVerified: null,
  locale: null,
};

/** user-service's own limits on each claim, compiled once. */
const NAME = Compile(IdentityName);
const USERNAME = Compile(PreferredUsername);
const EMAIL = Compile(Email);
const LOCALE = Compile(Locale);

/** A member of the claims object itself, never one inherited from Object.prototype. */
const ownClaim = (claims: Readonly<Record<string, unknown>>, name: string): unknown =>
  Object.hasOwn(claims, name) ? claims[name] : undefined;

/** A string claim trimmed, when it fits the owner's schema; anything else is ignored, not refused. */
function textClaim(
  claims: Readonly<Record<string, unknown>>,
  name: string,
  fits: Validator<TProperties, TSchema, string>,
): string | null {
  const value = ownClaim(claims, name);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return fits.Check(trimmed) ? trimmed : null;
}

/**
 * The identity claims of an ID token or a userinfo answer. The issuer signed them, but a claim of
 * the wrong type, too long or holding control characters is left out rather than ending a sign-in:
 * it only describes the person. `email_verified` counts only with an address, and only as a boolean.
 */
export function identityClaimsOf(claims: Readonly<Record<string, unknown>>): IdentityClaims {
  const email = textClaim(claims, 'email', EMAIL);
  const verified = ownClaim(claims, 'email_verified');
  return {
    name: textClaim(claims, 'name', NAME),
    preferredUsername: textClaim(claims, 'preferred_username', USERNAME),
    email,
    emailVerified: email !== null && typeof verified === 'boolean' ? verified : null,
    locale: textClaim(claims, 'locale', LOCALE),
  };
}

/** Whether the claims describe the person at all (Zitadel leaves them out of ID tokens by default). */
export function saysWhoSignedIn(identity: IdentityClaims): boolean {
  return [identity.name, identity.preferredUsername, identity.email, identity.locale].some(
    (claim) => claim !== null,
  );
}

const characters = (text: string): number => [...text].length;

/** The name a session shows: the full name, else the username, whichever first fits a session. */
export function sessionNameOf(identity: IdentityClaims): string | null {
  const fitting = [identity.name, identity.preferredUsername].find(
    (candidate) => candidate !== null && characters(candidate) <= SESSION_NAME_MAX_LENGTH,
  );
  return fitting ?? null;
}
