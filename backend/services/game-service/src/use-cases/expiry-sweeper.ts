import { newId } from '@know-foolery/shared/utils';
import { endedGamesWithoutRecordedScore, expiredActiveGameIds, findGame } from '../data/game-repository.js';
import { endAndRecord, type GameDeps, recordScore } from './games.js';

const BATCH = 100;

/**
 * Closes games whose time ran out, with no request needed, and hands every ended game's score to
 * the leaderboard until it is taken (the leaderboard may have been down when the game ended).
 */
export class ExpirySweeper {
  readonly #deps: GameDeps;
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(deps: GameDeps, intervalMs: number) {
    this.#deps = deps;
    this.#intervalMs = intervalMs;
  }

  async runOnce(): Promise<{ expired: number; recorded: number }> {
    const context = { requestId: `expiry-sweep-${newId()}` };
    let expired = 0;
    for (const id of await expiredActiveGameIds(this.#deps.db, this.#deps.clock.now(), BATCH)) {
      const game = await findGame(this.#deps.db, id);
      if (game?.status !== 'active') continue;
      await endAndRecord(this.#deps, game, 'expired', context);
      expired += 1;
    }
    const pending = await endedGamesWithoutRecordedScore(this.#deps.db, BATCH);
    for (const game of pending) await recordScore(this.#deps, game, context);
    return { expired, recorded: pending.length };
  }

  start(): void {
    this.#timer = setInterval(() => {
      this.#running ??= this.runOnce()
        .then(() => undefined)
        .catch((error: unknown) => this.#deps.warn({ err: error }, 'expiry sweep failed'))
        .finally(() => {
          this.#running = undefined;
        });
    }, this.#intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }
}
