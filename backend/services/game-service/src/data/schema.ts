import type { GameQuestionsTable } from './tables/game-questions.js';
import type { GameSessionsTable } from './tables/game-sessions.js';
import type { QuestionAttemptsTable } from './tables/question-attempts.js';

export type { GameQuestionsTable } from './tables/game-questions.js';
export type { GameSessionsTable } from './tables/game-sessions.js';
export type { QuestionAttemptsTable } from './tables/question-attempts.js';

/** game-service's tables, one per file under tables/. */
export interface GameDatabase {
  game_sessions: GameSessionsTable;
  game_questions: GameQuestionsTable;
  question_attempts: QuestionAttemptsTable;
}
