import type { Downstreams, FinalScore, QuestionPool } from '../src/clients/downstreams.js';
import type { DrawnQuestion } from '../src/data/game-repository.js';

export const BANK: readonly DrawnQuestion[] = [
  {
    questionId: 'q-101',
    theme: 'geography',
    difficulty: 'easy',
    text: 'What is the capital of France?',
    answer: 'Paris',
    alternatives: [],
    hint: null,
    kind: 'free_text',
  },
  {
    questionId: 'q-102',
    theme: 'geography',
    difficulty: 'medium',
    text: 'Which river flows through Cairo?',
    answer: 'The Nile',
    alternatives: [],
    hint: 'Longest in Africa',
    kind: 'free_text',
  },
  {
    questionId: 'q-103',
    theme: 'geography',
    difficulty: 'easy',
    text: 'Which country has Kyoto?',
    answer: 'Japan',
    alternatives: [],
    hint: null,
    kind: 'free_text',
  },
  {
    questionId: 'q-104',
    theme: 'music',
    difficulty: 'medium',
    text: 'Who recorded Abbey Road?',
    answer: 'The Beatles',
    alternatives: [],
    hint: null,
    kind: 'free_text',
  },
  {
    questionId: 'q-105',
    theme: 'mountains',
    difficulty: 'easy',
    text: 'What is the highest mountain on Earth?',
    answer: 'Mount Everest',
    alternatives: ['Everest', 'Chomolungma'],
    hint: null,
    kind: 'free_text',
  },
  {
    questionId: 'q-106',
    theme: 'science',
    difficulty: 'easy',
    text: 'True or false: at sea level, water boils at 100 degrees Celsius.',
    answer: 'True',
    alternatives: [],
    hint: null,
    kind: 'true_false',
  },
  {
    questionId: 'q-107',
    theme: 'science',
    difficulty: 'easy',
    text: 'Which gas do plants give off in sunlight?',
    answer: 'Oxygen',
    alternatives: [],
    hint: null,
    kind: 'free_text',
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
        (pool.difficulty === null || question.difficulty === pool.difficulty) &&
        pool.kinds.includes(question.kind),
    );
  }
}
