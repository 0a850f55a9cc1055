import type {
  AUTH_PATHS,
  CurrentUser,
  SIGN_IN_ERROR_PARAM as GATEWAY_SIGN_IN_ERROR_PARAM,
  SignedOut,
} from '@know-foolery/gateway-service/contract';
import { sendChange } from './client.ts';
import { asProblem, type Problem, ProblemError, problemOf } from './problem.ts';

/** The gateway's sign-in routes, checked against its contract (the constant itself would bundle typebox). */
const PATHS: typeof AUTH_PATHS = {
  signIn: '/api/v1/auth/sign-in',
  callback: '/api/v1/auth/callback',
  signOut: '/api/v1/auth/sign-out',
  me: '/api/v1/auth/me',
};

export type { CurrentUser };

/** `/?sign_in_error=<code>`: where the gateway lands a sign-in the identity provider ended with an error. */
export const SIGN_IN_ERROR_PARAM: typeof GATEWAY_SIGN_IN_ERROR_PARAM = 'sign_in_error';

export function signInFailed(code: string): Problem {
  return {
    title: 'The sign-in did not complete.',
    detail: `The identity provider answered "${code}". Try again.`,
    code,
    status: 0,
    signIn: null,
  };
}

/**
 * Where a link signs the person in, back to the page's current place (its fragment) afterwards.
 * Served by the gateway, that is a path of its own; from Vite's development server, whose origin
 * the gateway trusts outside production (CORS_ORIGINS), it is the page there.
 */
export function signInHref(stepUp = false): string {
  const here = `/${window.location.hash}`;
  const query = new URLSearchParams({
    return_to: __DEV_SERVER__ ? `${window.location.origin}${here}` : here,
  });
  if (stepUp) query.set('step_up', '1');
  return `${PATHS.signIn}?${query}`;
}

/** The fields the page reads, checked: the rest of the answer is not relied on. */
const isCurrentUser = (body: unknown): body is CurrentUser =>
  typeof body === 'object' &&
  body !== null &&
  'id' in body &&
  typeof body.id === 'string' &&
  'roles' in body &&
  Array.isArray(body.roles) &&
  body.roles.every((role: unknown) => typeof role === 'string') &&
  'stepUpSatisfied' in body &&
  typeof body.stepUpSatisfied === 'boolean';

/** Who is signed in, or null for nobody: any other answer is a problem to show. */
export async function currentUser(): Promise<CurrentUser | null> {
  const response = await fetch(PATHS.me, { credentials: 'same-origin' }).catch((error: unknown) => {
    throw new ProblemError(asProblem(error));
  });
  if (response.status === 401) return null;
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok || !isCurrentUser(body)) throw new ProblemError(problemOf(body, response.status));
  return body;
}

/** Signs out at the gateway, then where the identity provider ends its own session (or home). */
export async function signOut(): Promise<Problem | null> {
  const response = await sendChange(PATHS.signOut, 'POST').catch((error: unknown) => error);
  if (!(response instanceof Response)) return asProblem(response);
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) return problemOf(body, response.status);
  const endSessionUrl =
    typeof body === 'object' && body !== null && 'endSessionUrl' in body ? body.endSessionUrl : null;
  const next: SignedOut['endSessionUrl'] = typeof endSessionUrl === 'string' ? endSessionUrl : null;
  window.location.assign(next ?? '/');
  return null;
}
