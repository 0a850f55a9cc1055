import { QuestionPlayStats } from '@know-foolery/game-service/contract';
import { AdminQuestion } from '@know-foolery/question-service/contract';
import { Type } from 'typebox';

export const QuestionWithStats = Type.Object({
  question: AdminQuestion,
  stats: Type.Omit(QuestionPlayStats, ['questionId']),
});

/** Statuses every admin route may answer besides its own: its callers, and its downstream owners. */
export const COMMON_ERRORS = [400, 401, 403, 502, 503, 504] as const;
