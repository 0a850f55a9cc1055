import type { Clock } from '@know-foolery/shared/utils';
import { markEndMs, type TokenRevocations, type TokenRevocationsOptions } from './token-revocations.js';

/** Revocation marks in this process's memory, each forgotten once no token it refuses can still be valid. */
export class MemoryTokenRevocations implements TokenRevocations {
  readonly #clock: Clock;
  readonly #options: TokenRevocationsOptions;
  readonly #marks = new Map<string, Date>();

  constructor(options: TokenRevocationsOptions) {
    this.#clock = options.clock;
    this.#options = options;
  }

  async revokeBefore(userId: string, at: Date): Promise<void> {
    for (const [user, mark] of this.#marks) if (!this.#matters(mark)) this.#marks.delete(user);
    const current = this.#marks.get(userId);
    if (current !== undefined && current.getTime() >= at.getTime()) return;
    if (this.#matters(at)) this.#marks.set(userId, at);
  }

  async revokedBefore(userId: string): Promise<Date | undefined> {
    const mark = this.#marks.get(userId);
    return mark !== undefined && this.#matters(mark) ? mark : undefined;
  }

  #matters(mark: Date): boolean {
    return this.#clock.now().getTime() < markEndMs(mark, this.#options);
  }
}
