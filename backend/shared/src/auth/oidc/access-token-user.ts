import { type AuthenticatedUser, InvalidTokenError } from '../types.js';
import { type Claims, numericDateClaim, stringClaim } from './json-claims.js';
import { platformRoles, type RolePolicy } from './zitadel-roles.js';

const MAX_SUBJECT_LENGTH = 128;
const MAX_NAME_LENGTH = 64;

/** Characters as a person counts them: an emoji is one, not two UTF-16 units. */
const characters = (text: string): number => [...text].length;

/**
 * The caller a verified token (or an active introspection answer) stands for. Zitadel's subject is
 * its user id; the name is the display name, else the login name, when the token carries either.
 */
export function accessTokenUser(
  claims: Claims,
  policy: RolePolicy,
  maxTokenLifetimeSeconds: number,
): AuthenticatedUser {
  const subject = stringClaim(claims, 'sub');
  if (subject === undefined || subject.trim() === '' || characters(subject) > MAX_SUBJECT_LENGTH) {
    throw new InvalidTokenError('the "sub" claim must be a non-empty string');
  }
  const iat = numericDateClaim(claims, 'iat');
  const exp = numericDateClaim(claims, 'exp');
  // A token valid for years is as good as a password if it leaks: its whole lifetime is bounded.
  if (iat === undefined || exp === undefined || exp - iat > maxTokenLifetimeSeconds) {
    throw new InvalidTokenError(`the token lives longer than the ${maxTokenLifetimeSeconds} seconds allowed`);
  }
  const roles = platformRoles(claims, subject, policy);
  if (roles.length === 0) throw new InvalidTokenError('the token grants no role on this platform');
  return {
    id: subject,
    roles,
    name: displayName(claims),
    issuedAt: new Date(iat * 1000),
    expiresAt: new Date(exp * 1000),
  };
}

/** A name too long to show is no reason to refuse a token Zitadel issued: it is left out instead. */
function displayName(claims: Claims): string | null {
  for (const claim of ['name', 'preferred_username']) {
    const value = stringClaim(claims, claim);
    if (value !== undefined && value.trim() !== '' && characters(value) <= MAX_NAME_LENGTH) return value;
  }
  return null;
}
