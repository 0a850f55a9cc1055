import { IdentityProviderUnavailableError } from '@know-foolery/shared/auth';
import { type MetricsRegistry, outcomeCounter } from '@know-foolery/shared/observability';
import type { TokenRenewer } from './token-renewer.js';

const RENEWAL_OUTCOMES = ['renewed', 'refused', 'provider_unavailable'] as const;

/**
 * The renewer, with each renewal counted by outcome in `session_token_refreshes_total`: renewed,
 * refused by the provider (the session ends), or the provider unavailable. A failure of any other
 * kind is a bug, logged where it surfaces rather than counted as one of these.
 */
export function countedRenewals(renewer: TokenRenewer, registry: MetricsRegistry): TokenRenewer {
  const refreshes = outcomeCounter(registry, {
    name: 'session_token_refreshes_total',
    help: "Renewals of sessions' access tokens at the identity provider, by outcome",
    outcomes: RENEWAL_OUTCOMES,
  });
  return {
    canRenew: (session) => renewer.canRenew(session),
    renew: (session) =>
      refreshes.counting(() => renewer.renew(session), {
        succeeded: (renewal) => renewal.kind,
        failedWith: (error) =>
          error instanceof IdentityProviderUnavailableError ? 'provider_unavailable' : undefined,
      }),
  };
}
