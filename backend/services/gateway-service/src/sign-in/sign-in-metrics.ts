import { AppError } from '@know-foolery/shared/errors';
import {
  type MetricsRegistry,
  type OutcomeCounter,
  outcomeCounter,
} from '@know-foolery/shared/observability';
import { IssuerUnavailableError } from './issuer-failures.js';

/**
 * How a sign-in callback ended: signed in; refused (the issuer said no, the person cancelled, or
 * the answer failed a check: any 4xx); the identity provider unavailable; or failed (anything
 * else, such as session-service down, which is neither the person's doing nor the provider's).
 */
const SIGN_IN_OUTCOMES = ['signed_in', 'refused', 'provider_unavailable', 'failed'] as const;
export type SignInOutcome = (typeof SIGN_IN_OUTCOMES)[number];

export type SignInCounter = OutcomeCounter<SignInOutcome>;

export function signInOutcomeOf(error: unknown): SignInOutcome {
  if (error instanceof IssuerUnavailableError) return 'provider_unavailable';
  return error instanceof AppError && error.statusCode < 500 ? 'refused' : 'failed';
}

/** What the rest of a callback comes to: `signed_in` when it returns, else what its error says. */
export const CALLBACK_OUTCOMES = { succeeded: 'signed_in', failedWith: signInOutcomeOf } as const;

/** `auth_sign_ins_total` by outcome. */
export function countedSignIns(registry: MetricsRegistry): SignInCounter {
  return outcomeCounter(registry, {
    name: 'auth_sign_ins_total',
    help: 'Sign-in callbacks, by outcome: signed_in, refused, provider_unavailable or failed',
    outcomes: SIGN_IN_OUTCOMES,
  });
}
