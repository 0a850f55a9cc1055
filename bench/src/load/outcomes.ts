/** The steps of a player's loop, one request each. */
export type Step = 'start game' | 'question' | 'answer' | 'finish' | 'leaderboard';

/** What a client saw of one request; times in milliseconds from the start of the load. */
export interface Outcome {
  readonly step: Step;
  /** When the answer (or the failure) reached the client. */
  readonly atMs: number;
  /** From when the request was due (open model) to its answer. */
  readonly latencyMs: number;
  /** The HTTP status; 0 when no response came (refused, reset, timed out). */
  readonly status: number;
  /** The problem's `code`, or the network error's. */
  readonly code?: string;
}

/**
 * An error as a player sees it: no answer, a server error, or a refusal of their session (401,
 * 403, 429). A 409 is not one: it is the game telling a player who lost track of it (after an
 * error) where it stands, and the player carries on from there.
 */
export function isError(outcome: Outcome): boolean {
  const { status } = outcome;
  return status === 0 || status === 401 || status === 403 || status === 429 || status >= 500;
}

/** "502 UPSTREAM_UNAVAILABLE", "no response (ECONNRESET)". */
export function describeStatus(outcome: Outcome): string {
  if (outcome.status === 0) return `no response (${outcome.code ?? 'unknown'})`;
  return outcome.code === undefined ? String(outcome.status) : `${outcome.status} ${outcome.code}`;
}
