import type { Clock } from '@know-foolery/shared/utils';

/** How the launcher restarts a service that died, and when it stops trying. */
export interface RestartPolicyOptions {
  /** The wait before the first restart; it doubles with every crash that follows a short run. */
  readonly initialDelayMs: number;
  /** The longest wait before a restart. */
  readonly maxDelayMs: number;
  /** A service that stayed up this long before dying is restarted after the initial wait again. */
  readonly stableAfterMs: number;
  /** This many crashes within `crashWindowMs` and the launcher gives up. */
  readonly maxCrashes: number;
  readonly crashWindowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = {
  initialDelayMs: 250,
  maxDelayMs: 10_000,
  stableAfterMs: 30_000,
  maxCrashes: 5,
  crashWindowMs: 60_000,
};

export type RestartDecision =
  | { readonly action: 'restart'; readonly delayMs: number }
  | { readonly action: 'give-up'; readonly crashes: number; readonly windowMs: number };

export function validateRestartPolicy(options: RestartPolicyOptions): RestartPolicyOptions {
  for (const [name, value] of Object.entries(options)) {
    if (!Number.isSafeInteger(value) || value <= 0)
      throw new RangeError(`restart policy: ${name} must be a positive integer, got ${value}`);
  }
  if (options.initialDelayMs > options.maxDelayMs)
    throw new RangeError(
      `restart policy: initialDelayMs (${options.initialDelayMs}) exceeds maxDelayMs (${options.maxDelayMs})`,
    );
  return options;
}

/**
 * The restart history of one service, and the decision its next crash gets: restart after an
 * exponential backoff, or give up when it keeps crashing.
 */
export class RestartPolicy {
  readonly #options: RestartPolicyOptions;
  readonly #clock: Clock;
  #startedAt: number;
  #crashTimes: number[] = [];
  #quickCrashesInARow = 0;

  constructor(options: RestartPolicyOptions, clock: Clock) {
    this.#options = validateRestartPolicy(options);
    this.#clock = clock;
    this.#startedAt = this.#now();
  }

  /** The service was (re)started now. */
  started(): void {
    this.#startedAt = this.#now();
  }

  /** The service died now. */
  crashed(): RestartDecision {
    const now = this.#now();
    const { initialDelayMs, maxDelayMs, stableAfterMs, maxCrashes, crashWindowMs } = this.#options;
    this.#crashTimes = [...this.#crashTimes.filter((time) => now - time < crashWindowMs), now];
    if (this.#crashTimes.length >= maxCrashes)
      return { action: 'give-up', crashes: this.#crashTimes.length, windowMs: crashWindowMs };
    if (now - this.#startedAt >= stableAfterMs) this.#quickCrashesInARow = 0;
    const delayMs = Math.min(initialDelayMs * 2 ** this.#quickCrashesInARow, maxDelayMs);
    this.#quickCrashesInARow += 1;
    return { action: 'restart', delayMs };
  }

  #now(): number {
    return this.#clock.now().getTime();
  }
}
