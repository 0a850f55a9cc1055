/**
 * The wait before reconnect attempt `attempt` (1, 2, ...): exponential from `baseMs` up to `maxMs`,
 * with full jitter so that every instance of a service does not reconnect in the same instant.
 */
export function reconnectDelayMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(1, Math.round(ceiling * random()));
}
