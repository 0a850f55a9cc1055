import { METRICS_PORT_OFFSET } from '@know-foolery/shared/config';

const RENEWALS_METRIC = 'session_token_refreshes_total';

/** session-service's renewals of sessions' access tokens so far, by outcome, from its metrics port. */
export async function renewalCounts(sessionServiceUrl: string): Promise<ReadonlyMap<string, number>> {
  const metricsUrl = new URL('/metrics', sessionServiceUrl);
  metricsUrl.port = String(Number(metricsUrl.port) + METRICS_PORT_OFFSET);
  const counts = new Map<string, number>();
  try {
    const response = await fetch(metricsUrl, { signal: AbortSignal.timeout(2_000) });
    for (const line of (await response.text()).split('\n')) {
      if (!line.startsWith(`${RENEWALS_METRIC}{`)) continue;
      const outcome = /outcome="([^"]+)"/.exec(line)?.[1];
      const value = Number(line.slice(line.lastIndexOf(' ') + 1));
      if (outcome !== undefined && Number.isFinite(value))
        counts.set(outcome, (counts.get(outcome) ?? 0) + value);
    }
  } catch {
    // no figures: the report says none were read
  }
  return counts;
}

/** "renewed +12, provider_unavailable +40" between two readings; "none" when nothing moved. */
export function renewalsBetween(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
): string {
  const moved = [...after]
    .map(([outcome, count]) => [outcome, count - (before.get(outcome) ?? 0)] as const)
    .filter(([, delta]) => delta > 0)
    .map(([outcome, delta]) => `${outcome} +${delta}`);
  return moved.length === 0 ? 'none' : moved.join(', ');
}
