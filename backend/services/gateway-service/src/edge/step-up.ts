import { AppError } from '@know-foolery/shared/errors';
import type { FastifyPluginAsync } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { AUTH_PATHS } from '../contract/auth.js';
import { GatewayErrorCode } from '../contract/error-codes.js';
import { stepUpSatisfied } from '../sign-in/second-factor.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route needs a sign-in with a second factor (AUTH_PROVIDER=oidc): the admin routes. */
    secondFactor?: boolean;
  }
}

/** Where a browser signs in again, this time with a second factor. */
export const STEP_UP_SIGN_IN = `${AUTH_PATHS.signIn}?step_up=1`;

function stepUpRequired(): AppError {
  return new AppError(
    403,
    GatewayErrorCode.stepUpRequired,
    `this needs a sign-in with a second factor: sign in again at ${STEP_UP_SIGN_IN}`,
    {
      extensions: { signIn: STEP_UP_SIGN_IN },
      // RFC 9470's challenge, for a client that reads WWW-Authenticate rather than the problem.
      headers: {
        'www-authenticate':
          'Bearer realm="know-foolery", error="insufficient_user_authentication", error_description="a sign-in with a second factor is required"',
      },
    },
  );
}

export interface StepUpOptions {
  /** Machine users that may hold admin (ZITADEL_MACHINE_ADMINS): they have no second factor to show. */
  readonly machineAdmins: readonly string[];
}

/**
 * After authentication, on the routes that ask for it (the admin routes): the session must come
 * from a sign-in whose ID token's `amr` shows a second factor (`mfa` or `otp`), else 403
 * STEP_UP_REQUIRED. A person's bearer token cannot show one and is refused there too. Registered
 * with AUTH_PROVIDER=oidc only: mock sessions have no sign-in to speak of.
 */
export function stepUpOnAdminRoutes(options: StepUpOptions): FastifyPluginAsync {
  return fastifyPlugin(
    async (app) => {
      app.addHook('onRequest', async (request) => {
        const { user } = request;
        if (request.routeOptions.config.secondFactor !== true || user === null) return;
        if (!stepUpSatisfied(request.cookieSession, user.id, options.machineAdmins)) throw stepUpRequired();
      });
    },
    // Stryker disable next-line StringLiteral: metadata for Fastify's registry; nothing asks for it
    {
      name: 'know-foolery-step-up',
      fastify: '5.x',
      dependencies: ['know-foolery-auth', 'know-foolery-session-authentication'],
    },
  );
}
