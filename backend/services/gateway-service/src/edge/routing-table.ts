import { adminAccess, playerAccess, publicAccess, type RouteAuth } from '@know-foolery/shared/auth';
import type { UpstreamUrls } from '../config.js';

export interface Route {
  /** Public path prefix, forwarded unchanged to the service that owns it. */
  readonly prefix: string;
  readonly upstream: keyof UpstreamUrls;
  /** Checked here first; the service checks the same token again. */
  readonly auth: RouteAuth;
}

/** The public API: which service owns which path. `/internal/...` is never routed. */
export const ROUTES: readonly Route[] = [
  { prefix: '/api/v1/themes', upstream: 'question', auth: publicAccess },
  { prefix: '/api/v1/games', upstream: 'game', auth: playerAccess },
  { prefix: '/api/v1/leaderboard', upstream: 'leaderboard', auth: playerAccess },
  { prefix: '/api/v1/me', upstream: 'user', auth: playerAccess },
  { prefix: '/api/v1/sessions', upstream: 'session', auth: playerAccess },
  { prefix: '/api/v1/admin', upstream: 'admin', auth: adminAccess },
];

/** Larger than the default body limit: bulk question import. */
export const LARGE_BODY_ROUTES: readonly { readonly path: string; readonly limitBytes: number }[] = [
  { path: '/api/v1/admin/questions/import', limitBytes: 9 * 1024 * 1024 },
];
