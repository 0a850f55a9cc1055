import type { Downstreams, FinalScore, QuestionPool } from '../src/clients/downstreams.js';
import type { DrawnQuestion } from '../src/data/game-repository.js';

export const BANK: readonly DrawnQuestion[] = [
  {
    questionId: 'q-101',
    theme: 'geography',
    difficulty: 'easy',
    text: 'What is the capital of France?',
    answer: 'Paris',
    hint: null,
  },
  {
    questionId: 'q-102',
    theme: 'geography',
    difficulty: 'medium',
    text: 'Which river flows through Cairo?',
    answer: 'The Nile',
    hint: 'Longest in Africa',
  },
  {
    questionId: 'q-103',
    theme: 'geography',
    difficulty: 'easy',
    text: 'Which country has Kyoto?',
    answer: 'Japan',
    hint: null,
  },
  {
    questionId: 'q-104',
    theme: 'music',
    difficulty: 'medium',
    text: 'Who recorded Abbey Road?',
    answer: 'The Beatles',
    hint: null,
  },
];

/** In-process stand-ins for question, user and leaderboard services, recording what they were asked. */
export class FakeDownstreams implements Downstreams {
  readonly recordedScores: FinalScore[] = [];
  readonly profilesEnsured: string[] = [];
  scoreboardDown = false;

  readonly questions = {
    available: async (pool: QuestionPool) => this.#matching(pool).length,
    draw: async (pool: QuestionPool, excludeIds: readonly string[]) =>
      this.#matching(pool).find((question) => !excludeIds.includes(question.questionId)) ?? null,
  };

  readonly profiles = {
    ensure: async (context: { authorization?: string }) => {
      this.profilesEnsured.push(context.authorization ?? '');
    },
  };

  readonly scoreboard = {
    record: async (score: FinalScore) => {
      if (this.scoreboardDown) throw new Error('leaderboard-service is down');
      if (!this.recordedScores.some((recorded) => recorded.gameId === score.gameId))
        this.recordedScores.push(score);
    },
  };

  #matching(pool: QuestionPool): DrawnQuestion[] {
    return BANK.filter(
      (question) =>
        (pool.theme === null || question.theme === pool.theme) &&
        (pool.difficulty === null || question.difficulty === pool.difficulty),
    );
  }
}
