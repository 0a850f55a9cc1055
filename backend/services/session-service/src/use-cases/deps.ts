import type { Clock } from '@know-foolery/shared/utils';
import type { TokenRenewer } from '../auth-tokens/token-renewer.js';
import type { CookieSigner } from '../crypto/cookie-signer.js';
import type { SessionHandles } from '../crypto/session-handles.js';
import type { SessionStore } from '../data/session-store.js';
import type { TokenRevocations } from '../data/token-revocations.js';
import type { SessionPolicy } from '../domain/session.js';

export interface SessionDeps {
  readonly store: SessionStore;
  readonly revocations: TokenRevocations;
  readonly clock: Clock;
  readonly policy: SessionPolicy;
  readonly signer: CookieSigner;
  readonly handles: SessionHandles;
  readonly renewer: TokenRenewer;
  /**
   * A resolve writes the session's activity at most this often: every request of a busy player
   * would otherwise rewrite its session. The sliding expiry may lag by as much.
   */
  readonly touchIntervalMs: number;
  /** How a player proved who they are when a session opens from a bearer token (mock: ['mock']). */
  readonly authMethods: readonly string[];
}

/** Where security events go: the request's logger, so each line carries the request id. */
export interface SecurityLog {
  warn(details: Readonly<Record<string, unknown>>, message: string): void;
}
