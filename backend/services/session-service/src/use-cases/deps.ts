import type { Clock } from '@know-foolery/shared/utils';
import type { TokenRenewer } from '../auth-tokens/token-renewer.js';
import type { TokenRevoker } from '../auth-tokens/token-revoker.js';
import type { CookieSigner } from '../crypto/cookie-signer.js';
import type { SessionHandles } from '../crypto/session-handles.js';
import type { SessionStore } from '../data/session-store.js';
import type { TokenRevocations } from '../data/token-revocations.js';
import type { Session, SessionPolicy } from '../domain/session.js';
import type { SingleFlight } from './single-flight.js';

export interface SessionDeps {
  readonly store: SessionStore;
  readonly revocations: TokenRevocations;
  readonly clock: Clock;
  readonly policy: SessionPolicy;
  readonly signer: CookieSigner;
  readonly handles: SessionHandles;
  readonly renewer: TokenRenewer;
  /** Where an ended session's refresh token is revoked (best effort). */
  readonly revoker: TokenRevoker;
  /** This process's renewals in progress, by session handle: concurrent resolves of one session share one. */
  readonly renewals: SingleFlight<Session>;
  /**
   * How long a claim on renewing a session's credentials holds: longer than a renewal can take
   * (every call to the provider is bounded by its timeout), so a claim lapses only when its holder died.
   */
  readonly renewalClaimMs: number;
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
