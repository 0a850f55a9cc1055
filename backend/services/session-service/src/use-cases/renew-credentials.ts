import { IdentityProviderUnavailableError } from '@know-foolery/shared/auth';
import { sleep } from '@know-foolery/shared/utils';
import { needsRenewal, type Renewal } from '../auth-tokens/token-renewer.js';
import {
  accessTokenValid,
  claimRenewal,
  releaseRenewal,
  renewalClaimed,
  renewedSession,
} from '../domain/credential-renewal.js';
import type { Session } from '../domain/session.js';
import type { SecurityLog, SessionDeps } from './deps.js';
import { identityProviderUnavailable, sessionInvalid } from './errors.js';
import { refusingTampered } from './tampering.js';

/** How often a resolve looks again while another process renews a token that has already expired. */
const CLAIM_POLL_MS = 100;
/** Rounds of reading, claiming or waiting before a resolve gives up with 503: about two seconds of waiting. */
const MAX_ROUNDS = 20;

/**
 * The session with an access token fit to send on: renewed when it has under a minute left.
 *
 * Exactly one renewal runs per session. In this process concurrent resolves share one (single
 * flight by handle); across processes the first to claim it in the store wins (compare-and-set on
 * the credentials version) and the others keep serving the current token while it is valid, or
 * wait for the new one. A refresh token is used once, so two renewals with it would get the
 * second refused, and providers then revoke every token of the sign-in (reuse detection).
 */
export function withUsableCredentials(
  deps: SessionDeps,
  session: Session,
  log: SecurityLog,
): Promise<Session> {
  if (!needsRenewal(session, deps.clock.now())) return Promise.resolve(session);
  return deps.renewals.run(session.handle, () => renewOnce(deps, session, log));
}

async function renewOnce(deps: SessionDeps, read: Session, log: SecurityLog): Promise<Session> {
  let current = read;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const now = deps.clock.now();
    if (!needsRenewal(current, now)) return current;
    if (!deps.renewer.canRenew(current)) return untilExpiry(deps, current, now);
    if (renewalClaimed(current, now)) {
      if (accessTokenValid(current, now)) return current;
      await sleep(CLAIM_POLL_MS);
    } else {
      const claimed = claimRenewal(current, now, deps.renewalClaimMs);
      if (await deps.store.replace(claimed, current.credentialsVersion))
        return renewClaimed(deps, claimed, log);
    }
    current = await reread(deps, current, log);
  }
  throw identityProviderUnavailable();
}

/** Nothing to renew with (a sign-in without a refresh token): the session lasts as long as its token. */
async function untilExpiry(deps: SessionDeps, session: Session, now: Date): Promise<Session> {
  if (accessTokenValid(session, now)) return session;
  await deps.store.remove(session.handle);
  throw sessionInvalid();
}

async function reread(deps: SessionDeps, session: Session, log: SecurityLog): Promise<Session> {
  const current = await refusingTampered(log, session.handle, () => deps.store.find(session.handle));
  if (current === undefined) throw sessionInvalid();
  return current;
}

async function renewClaimed(deps: SessionDeps, claimed: Session, log: SecurityLog): Promise<Session> {
  let renewal: Renewal;
  try {
    renewal = await deps.renewer.renew(claimed);
  } catch (error) {
    // Given up so another resolve may try at once; should this write miss, the claim lapses on its own.
    const released = releaseRenewal(claimed);
    await deps.store.replace(released, claimed.credentialsVersion);
    if (!(error instanceof IdentityProviderUnavailableError)) throw error;
    log.warn(
      { event: 'session_renewal_unavailable', handle: claimed.handle, reason: error.message },
      "the identity provider could not renew a session's access token",
    );
    if (accessTokenValid(released, deps.clock.now())) return released;
    throw identityProviderUnavailable(error);
  }
  if (renewal.kind === 'refused') {
    log.warn(
      { event: 'session_renewal_refused', handle: claimed.handle, reason: renewal.reason },
      'the identity provider refused to renew a session: it ends',
    );
    await deps.store.remove(claimed.handle);
    throw sessionInvalid();
  }
  const renewed = renewedSession(claimed, renewal.credentials, renewal.identity);
  if (await deps.store.replace(renewed, claimed.credentialsVersion)) return renewed;
  // The session ended meanwhile, or the claim lapsed and another process renewed: what is stored stands.
  return reread(deps, claimed, log);
}
