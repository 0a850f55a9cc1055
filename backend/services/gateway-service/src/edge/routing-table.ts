import { IMPORT_UPLOAD_LIMIT_BYTES } from '@know-foolery/question-service/contract';
import { adminAccess, playerAccess, publicAccess, type RouteAuth } from '@know-foolery/shared/auth';
import type { UpstreamUrls } from '../config.js';

export interface Route {
  /** Public path prefix, forwarded unchanged to the service that owns it. */
  readonly prefix: string;
  readonly upstream: keyof UpstreamUrls;
  /** Checked here first; the service checks the same token again. */
  readonly auth: RouteAuth;
  /** Needs a sign-in with a second factor (with AUTH_PROVIDER=oidc): see edge/step-up.ts. */
  readonly secondFactor: boolean;
}

/** The public API: which service owns which path. `/internal/...` is never routed. */
export const ROUTES: readonly Route[] = [
  { prefix: '/api/v1/themes', upstream: 'question', auth: publicAccess, secondFactor: false },
  { prefix: '/api/v1/games', upstream: 'game', auth: playerAccess, secondFactor: false },
  { prefix: '/api/v1/leaderboard', upstream: 'leaderboard', auth: playerAccess, secondFactor: false },
  { prefix: '/api/v1/me', upstream: 'user', auth: playerAccess, secondFactor: false },
  { prefix: '/api/v1/sessions', upstream: 'session', auth: playerAccess, secondFactor: false },
  { prefix: '/api/v1/admin', upstream: 'admin', auth: adminAccess, secondFactor: true },
];

/** Whether the public path belongs to a route that needs a sign-in with a second factor. */
export function needsSecondFactor(path: string): boolean {
  return ROUTES.some(
    (route) => route.secondFactor && (path === route.prefix || path.startsWith(`${route.prefix}/`)),
  );
}

/**
 * Routes whose bodies may be larger than the default limit. The gateway refuses a body above the
 * route's limit itself, so the service never receives one; the service checks its own limit again.
 */
export const LARGE_BODY_ROUTES: readonly { readonly path: string; readonly limitBytes: number }[] = [
  {
    path: '/api/v1/admin/questions/import',
    // The route's own limit, which admin-service applies too: never a body one takes and the other cuts off.
    limitBytes: IMPORT_UPLOAD_LIMIT_BYTES,
  },
];
