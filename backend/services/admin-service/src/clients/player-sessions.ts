import {
  EndedSessions,
  type EndUserSessionsBody,
  endUserSessionsPath,
} from '@know-foolery/session-service/contract';
import type { ServiceTokenSource } from '@know-foolery/shared/auth';
import { asService, type CallContext, type ServiceClient } from '@know-foolery/shared/http-client';

/** Why the sessions end, for session-service's log. */
export type SessionEndReason = EndUserSessionsBody['reason'];

/** A player's signed-in devices, as session-service keeps them. */
export interface PlayerSessions {
  /** Ends every session of the player and revokes the tokens issued to them so far; how many ended. */
  endAll(userId: string, reason: SessionEndReason, context: CallContext): Promise<number>;
}

/** session-service's internal route, called as admin-service: it is for services only. */
export function httpPlayerSessions(client: ServiceClient, identity: ServiceTokenSource): PlayerSessions {
  return {
    async endAll(userId, reason, context) {
      const response = await client.post(endUserSessionsPath(userId), EndedSessions, {
        context: asService(context, await identity.token()),
        body: { reason } satisfies EndUserSessionsBody,
        // Ending sessions that have already ended changes nothing: safe to repeat after a lost answer.
        idempotent: true,
      });
      return response.body.ended;
    },
  };
}
