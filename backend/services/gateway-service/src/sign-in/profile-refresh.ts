import { AppError, ErrorCode } from '@know-foolery/shared/errors';
import type { CallContext } from '@know-foolery/shared/http-client';
import type { FastifyBaseLogger } from 'fastify';
import type { IdentityProfiles } from '../clients/identity-profiles.js';
import type { IdentityClaims } from './identity-claims.js';

/**
 * Creates or refreshes the player's profile at user-service. A sign-in does not fail for it: the
 * session is open already, and the next sign-in refreshes the profile again. A failure is logged
 * with its code, never with the claims (an address is personal data).
 */
export async function refreshProfile(
  profiles: IdentityProfiles,
  userId: string,
  identity: IdentityClaims,
  context: CallContext,
  log: FastifyBaseLogger,
): Promise<void> {
  try {
    await profiles.refresh(userId, identity, context);
  } catch (error) {
    log.warn(
      {
        event: 'sign_in_profile_refresh_failed',
        code: error instanceof AppError ? error.code : ErrorCode.internal,
        reason: error instanceof Error ? error.message : String(error),
      },
      "the player's profile could not be refreshed at sign-in: the sign-in goes on",
    );
  }
}
