import type { FastifyBaseLogger } from 'fastify';
import { type IdentityClaims, saysWhoSignedIn } from './identity-claims.js';
import type { CompletedSignIn, OidcRelyingParty } from './relying-party.js';

/** What failed, in words fit for a log: never a token, never the issuer's whole answer. */
const reasonOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Who signed in: the ID token's claims, or, when it says nothing of the person (Zitadel's leave
 * the profile out unless the application asks for "user info inside ID token"), the issuer's
 * userinfo answer: one more call, at sign-in only. A userinfo call that fails is logged and the
 * sign-in goes on without the profile: it only describes the person, and the next sign-in
 * brings it.
 */
export async function signedInIdentity(
  relyingParty: OidcRelyingParty,
  completed: CompletedSignIn,
  log: FastifyBaseLogger,
): Promise<IdentityClaims> {
  if (saysWhoSignedIn(completed.identity)) return completed.identity;
  try {
    return (await relyingParty.userInfo(completed.accessToken, completed.subject)) ?? completed.identity;
  } catch (error) {
    log.warn(
      { event: 'sign_in_userinfo_failed', reason: reasonOf(error) },
      "the identity provider's userinfo could not be read: the sign-in goes on without the profile",
    );
    return completed.identity;
  }
}
