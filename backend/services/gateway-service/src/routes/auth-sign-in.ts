import { SESSION_COOKIE_MAX_LENGTH, SignInSessionBody } from '@know-foolery/session-service/contract';
import { publicAccess } from '@know-foolery/shared/auth';
import { badRequest } from '@know-foolery/shared/errors';
import { forwardFrom } from '@know-foolery/shared/http-client';
import type { ServiceApp } from '@know-foolery/shared/http-server';
import type { FastifyRequest } from 'fastify';
import { Compile } from 'typebox/compile';
import { AUTH_PATHS, CallbackQuery, SIGN_IN_ERROR_PARAM, SignInQuery } from '../contract/auth.js';
import { GatewayErrorCode } from '../contract/error-codes.js';
import { sameSecret } from '../edge/csrf.js';
import { sessionCookieOf } from '../edge/session-auth.js';
import type { SignInComponents } from '../sign-in/components.js';
import { sessionNameOf } from '../sign-in/identity-claims.js';
import { authorizationErrorCode } from '../sign-in/issuer-errors.js';
import { signInResponseInvalid } from '../sign-in/issuer-failures.js';
import { loopbackAliasRedirect } from '../sign-in/loopback-alias.js';
import { refreshProfile } from '../sign-in/profile-refresh.js';
import { allowedReturnTo, DEFAULT_RETURN_TO } from '../sign-in/return-to.js';
import { CALLBACK_OUTCOMES, type SignInCounter } from '../sign-in/sign-in-metrics.js';
import { signedInIdentity } from '../sign-in/signed-in-identity.js';
import { CALLBACK_SCHEMA, SIGN_IN_SCHEMA } from './auth-schemas.js';

const signInSessionBody = Compile(SignInSessionBody);

/** The query string as the issuer sent it, `?` included: openid-client reads the response from it. */
function queryOf(request: FastifyRequest): string {
  const start = request.url.indexOf('?');
  return start < 0 ? '' : request.url.slice(start);
}

/** The session cookie the browser already has, if it is one session-service could have set. */
function currentSessionCookie(request: FastifyRequest): string | undefined {
  const cookie = sessionCookieOf(request.headers.cookie);
  return cookie === undefined || cookie === '' || cookie.length > SESSION_COOKIE_MAX_LENGTH
    ? undefined
    : cookie;
}

/**
 * The browser's way in: `sign-in` sends it to the issuer with a new pending sign-in sealed in a
 * cookie; `callback` takes it back, checks the state in constant time, has openid-client exchange
 * the code and check the ID token, and has session-service open the session, whose cookie it
 * passes on, and has user-service refresh the player's profile with what the ID token (or
 * userinfo) says of them, before redirecting to where the sign-in started. Each callback is
 * counted by how it ended (`auth_sign_ins_total`). The pending cookie is
 * cleared by every callback that carries one, whatever the outcome: a pending sign-in is used once.
 */
export function signInRoutes(
  components: SignInComponents,
  signIns: SignInCounter,
  returnOrigins: readonly string[],
) {
  const { relyingParty, sessions, profiles, sealer, pendingCookie, callbackUrl, clock } = components;
  return async (app: ServiceApp) => {
    app.get(
      AUTH_PATHS.signIn,
      { config: { auth: publicAccess }, schema: { ...SIGN_IN_SCHEMA, querystring: SignInQuery } },
      async (request, reply) => {
        const sameMachine = loopbackAliasRedirect(request.headers.host, request.url, callbackUrl);
        if (sameMachine !== undefined) return reply.redirect(sameMachine, 302);
        const asked = request.query.return_to;
        const returnTo = asked === undefined ? DEFAULT_RETURN_TO : allowedReturnTo(asked, returnOrigins);
        if (returnTo === undefined) {
          throw badRequest(
            'return_to must be a path of this site, like /play, or a page of an origin in CORS_ORIGINS: never another site',
            GatewayErrorCode.signInReturnToInvalid,
          );
        }
        const started = await relyingParty.startSignIn(returnTo, request.query.step_up === 1, clock.now());
        reply.header('cache-control', 'no-store');
        reply.header('set-cookie', pendingCookie.set(sealer.seal(started.pending)));
        return reply.redirect(started.url, 302);
      },
    );

    app.get(
      AUTH_PATHS.callback,
      { config: { auth: publicAccess }, schema: { ...CALLBACK_SCHEMA, querystring: CallbackQuery } },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        const sealed = pendingCookie.read(request.headers.cookie);
        if (sealed !== undefined) reply.header('set-cookie', pendingCookie.clear());
        const { error, state } = request.query;
        if (error !== undefined) {
          const code = authorizationErrorCode(error);
          request.log.info({ error: code }, 'the identity provider ended the sign-in with an error');
          signIns.record('refused');
          return reply.redirect(`/?${SIGN_IN_ERROR_PARAM}=${code}`, 302);
        }
        return signIns.counting(async () => {
          const now = clock.now();
          const pending = sealed === undefined ? undefined : sealer.open(sealed, now);
          if (pending === undefined) {
            throw badRequest(
              'no sign-in is in progress in this browser (none was started here, it expired, or it was used): sign in again',
              GatewayErrorCode.signInNotPending,
            );
          }
          if (!sameSecret(state ?? '', pending.state)) {
            request.log.warn('sign-in callback with a state that is not this browser’s');
            throw badRequest(
              'the sign-in answer is not for the sign-in this browser started: sign in again',
              GatewayErrorCode.signInStateMismatch,
            );
          }
          const completed = await relyingParty.completeSignIn(queryOf(request), pending, now);
          const identity = await signedInIdentity(relyingParty, completed, request.log);
          const cookie = currentSessionCookie(request);
          const body = {
            accessToken: completed.accessToken,
            accessTokenExpiresAt: completed.accessTokenExpiresAt.toISOString(),
            refreshToken: completed.refreshToken,
            idToken: completed.idToken,
            authenticatedAt: completed.authenticatedAt.toISOString(),
            authMethods: [...completed.authMethods],
            client: null,
            name: sessionNameOf(identity),
            ...(cookie === undefined ? {} : { cookie }),
          };
          // What the issuer sent must fit session-service's contract before it is handed on.
          if (!signInSessionBody.Check(body))
            throw signInResponseInvalid(new Error('the tokens exceed the session limits'));
          const context = forwardFrom(request);
          const opened = await sessions.signIn(body, context);
          await refreshProfile(profiles, completed.subject, identity, context, request.log);
          reply.header('set-cookie', [...opened.setCookies]);
          return reply.redirect(pending.returnTo, 302);
        }, CALLBACK_OUTCOMES);
      },
    );
  };
}
