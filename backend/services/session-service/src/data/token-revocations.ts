import type { Clock } from '@know-foolery/shared/utils';

/** "Every token issued to this user before `at` is refused." Kept as long as a token may live. */
export interface TokenRevocations {
  /** Keeps the later of the stored mark and `at`. */
  revokeBefore(userId: string, at: Date): Promise<void>;
  revokedBefore(userId: string): Promise<Date | undefined>;
}

export interface TokenRevocationsOptions {
  readonly clock: Clock;
  /** The longest a token may live (AUTH_MAX_TOKEN_LIFETIME_SECONDS): a mark is useless after that. */
  readonly maxTokenLifetimeSeconds: number;
}

/** When a mark stops mattering: every token issued before `at` has expired a whole lifetime later. */
export function markEndMs(at: Date, options: TokenRevocationsOptions): number {
  return at.getTime() + options.maxTokenLifetimeSeconds * 1000;
}
