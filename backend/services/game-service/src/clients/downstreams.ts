import type { CallContext } from '@know-foolery/shared/http-client';
import type { DrawnQuestion } from '../data/game-repository.js';
import type { Difficulty, QuestionKind } from '../domain/rules.js';

export interface QuestionPool {
  readonly theme: string | null;
  readonly difficulty: Difficulty | null;
  readonly kinds: readonly QuestionKind[];
}

/** question-service, called with game-service's own identity: it hands out answers. */
export interface QuestionSupply {
  available(pool: QuestionPool, context: CallContext): Promise<number>;
  /** The next question outside `excludeIds`, or null when the pool is used up. */
  draw(
    pool: QuestionPool,
    excludeIds: readonly string[],
    context: CallContext,
  ): Promise<DrawnQuestion | null>;
}

/** user-service, called with the player's own token: it creates the profile on first use. */
export interface PlayerProfiles {
  ensure(context: CallContext): Promise<void>;
}

export interface FinalScore {
  readonly gameId: string;
  readonly userId: string;
  readonly score: number;
  readonly finishedAt: Date;
}

/** leaderboard-service, called with game-service's own identity: only games record scores. */
export interface Scoreboard {
  record(score: FinalScore, context: CallContext): Promise<void>;
}

export interface Downstreams {
  readonly questions: QuestionSupply;
  readonly profiles: PlayerProfiles;
  readonly scoreboard: Scoreboard;
}
