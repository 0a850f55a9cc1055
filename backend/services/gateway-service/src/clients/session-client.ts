import {
  ResolvedSession,
  type ResolveSessionBody,
  revocationPath,
  SESSION_RESOLVE_PATH,
  TokenRevocation,
} from '@know-foolery/session-service/contract';
import type { ServiceTokenSource } from '@know-foolery/shared/auth';
import { asService, type CallContext, type ServiceClient } from '@know-foolery/shared/http-client';

/** What the gateway asks session-service, the one owner of sessions and revocation marks. */
export interface SessionDirectory {
  /**
   * The session a cookie's value stands for. session-service's refusals come back as its
   * AppErrors (401 SESSION_INVALID); its store being down as 503 with Retry-After.
   */
  resolve(cookie: string, context: CallContext): Promise<ResolvedSession>;
  /** Every token issued to the user before this moment is refused; null when none is. */
  tokensIssuedBefore(userId: string, context: CallContext): Promise<Date | null>;
}

/** session-service over HTTP, called as the gateway: both routes are for services only. */
export function httpSessionDirectory(client: ServiceClient, identity: ServiceTokenSource): SessionDirectory {
  const asGateway = async (context: CallContext) => asService(context, await identity.token());
  return {
    async resolve(cookie, context) {
      const response = await client.post(SESSION_RESOLVE_PATH, ResolvedSession, {
        context: await asGateway(context),
        body: { cookie } satisfies ResolveSessionBody,
        // Resolving twice only touches the session twice: safe to retry after a lost connection.
        idempotent: true,
      });
      return response.body;
    },
    async tokensIssuedBefore(userId, context) {
      const response = await client.get(revocationPath(userId), TokenRevocation, {
        context: await asGateway(context),
      });
      const { tokensIssuedBefore } = response.body;
      return tokensIssuedBefore === null ? null : new Date(tokensIssuedBefore);
    },
  };
}
