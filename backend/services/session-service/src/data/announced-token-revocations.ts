import type { PlatformCache } from '@know-foolery/shared/cache';
import { revocationMarkTag, revocationMarkValues } from '../contract/revocation-marks-cache.js';
import type { TokenRevocations } from './token-revocations.js';

/**
 * Marks that, once written, invalidate the copies the gateways cache (see revocation-marks-cache.ts
 * in the contract). The cache never fails the write: what Redis did not take it sends again.
 */
export class AnnouncedTokenRevocations implements TokenRevocations {
  readonly #marks: TokenRevocations;
  readonly #cache: PlatformCache;

  constructor(marks: TokenRevocations, cache: PlatformCache) {
    this.#marks = marks;
    this.#cache = cache;
    // Defined here only to be invalidated: this kind's tags live in its own keys and bus channel.
    cache.define(revocationMarkValues);
  }

  async revokeBefore(userId: string, at: Date): Promise<void> {
    await this.#marks.revokeBefore(userId, at);
    await this.#cache.invalidateTags([revocationMarkTag(userId)]);
  }

  revokedBefore(userId: string): Promise<Date | undefined> {
    return this.#marks.revokedBefore(userId);
  }
}
