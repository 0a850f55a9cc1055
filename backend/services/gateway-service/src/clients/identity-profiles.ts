import type { ServiceTokenSource } from '@know-foolery/shared/auth';
import { asService, type CallContext, type ServiceClient } from '@know-foolery/shared/http-client';
import {
  IdentityProfile,
  type IdentityProfileBody,
  identityProfilePath,
} from '@know-foolery/user-service/contract';

/** user-service, which keeps each player's profile with what the identity provider says of them. */
export interface IdentityProfiles {
  /** Creates or refreshes the player's profile with what their sign-in said of them. */
  refresh(userId: string, identity: IdentityProfileBody, context: CallContext): Promise<IdentityProfile>;
}

/** user-service over HTTP, called as the gateway: the route is for services only. */
export function httpIdentityProfiles(client: ServiceClient, identity: ServiceTokenSource): IdentityProfiles {
  return {
    async refresh(userId, body, context) {
      const response = await client.put(identityProfilePath(userId), IdentityProfile, {
        context: asService(context, await identity.token()),
        body,
        // Repeating it is harmless, but a person waits on it: one try, bounded by the call timeout.
        idempotent: false,
      });
      return response.body;
    },
  };
}
