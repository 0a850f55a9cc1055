import { InvalidTokenError } from '../types.js';
import { audienceIncludes, type Claims, numericDateClaim, ownClaim, stringClaim } from './json-claims.js';

export interface IntrospectedClaimRules {
  readonly issuer: string;
  readonly audience: string;
  readonly clockToleranceSeconds: number;
  readonly maxTokenLifetimeSeconds: number;
  readonly now: () => Date;
}

/**
 * What jose checks of a JWT's claims, checked of an active introspection answer: the issuer may
 * vouch for a token issued to another audience, or (its clock aside) one that has since expired.
 */
export function checkIntrospectedClaims(claims: Claims, rules: IntrospectedClaimRules): void {
  if (stringClaim(claims, 'iss') !== rules.issuer) throw new InvalidTokenError('the "iss" claim is invalid');
  if (!audienceIncludes(claims, rules.audience)) throw new InvalidTokenError('the "aud" claim is invalid');
  const now = Math.floor(rules.now().getTime() / 1000);
  const tolerance = rules.clockToleranceSeconds;
  const exp = numericDateClaim(claims, 'exp');
  if (exp === undefined) throw new InvalidTokenError('the "exp" claim is invalid');
  if (exp <= now - tolerance) throw new InvalidTokenError('the token has expired');
  const nbf = ownClaim(claims, 'nbf');
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now + tolerance)) {
    throw new InvalidTokenError('the token is not valid yet');
  }
  const iat = numericDateClaim(claims, 'iat');
  if (iat === undefined) throw new InvalidTokenError('the "iat" claim is invalid');
  if (iat > now + tolerance) throw new InvalidTokenError('the token was issued in the future');
  if (now - iat - tolerance > rules.maxTokenLifetimeSeconds)
    throw new InvalidTokenError('the token has expired');
}
