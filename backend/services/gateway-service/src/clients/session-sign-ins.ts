import {
  SIGN_IN_SESSION_PATH,
  SIGN_OUT_SESSION_PATH,
  SignedInSession,
  SignedOutSession,
  type SignInSessionBody,
  type SignOutSessionBody,
} from '@know-foolery/session-service/contract';
import type { ServiceTokenSource } from '@know-foolery/shared/auth';
import { AppError, ErrorCode } from '@know-foolery/shared/errors';
import {
  asService,
  type CallContext,
  headerValues,
  type ServiceClient,
} from '@know-foolery/shared/http-client';
import type { Static, TSchema } from 'typebox';

/** session-service's answer and the Set-Cookie headers it sent with it, which the gateway passes on. */
export interface WithSetCookies<Body> {
  readonly body: Body;
  readonly setCookies: readonly string[];
}

/** Opening and ending sessions at sign-in and sign-out: session-service owns the cookie it sets. */
export interface SessionSignIns {
  signIn(body: SignInSessionBody, context: CallContext): Promise<WithSetCookies<SignedInSession>>;
  signOut(body: SignOutSessionBody, context: CallContext): Promise<WithSetCookies<SignedOutSession>>;
}

/**
 * session-service's sign-in and sign-out routes, called as the gateway (both are for the gateway
 * only) through its ServiceClient: the same timeout, circuit breaker and failure answers as every
 * call to session-service. Neither is retried: a sign-in opens a session. Each answer must carry
 * the cookie it set or cleared; one without is outside the contract.
 */
export function httpSessionSignIns(client: ServiceClient, identity: ServiceTokenSource): SessionSignIns {
  async function post<S extends TSchema>(
    path: string,
    expected: S,
    body: SignInSessionBody | SignOutSessionBody,
    context: CallContext,
  ): Promise<WithSetCookies<Static<S>>> {
    const response = await client.post(path, expected, {
      context: asService(context, await identity.token()),
      body,
      idempotent: false,
    });
    const setCookies = headerValues(response.headers, 'set-cookie');
    if (setCookies.length === 0) {
      throw new AppError(
        502,
        ErrorCode.upstreamInvalidResponse,
        `${client.name} answered in a shape its contract does not allow: no Set-Cookie header`,
      );
    }
    return { body: response.body, setCookies };
  }

  return {
    signIn: (body, context) => post(SIGN_IN_SESSION_PATH, SignedInSession, body, context),
    signOut: (body, context) => post(SIGN_OUT_SESSION_PATH, SignedOutSession, body, context),
  };
}
