import { QUESTION_ID_PATTERN } from '@know-foolery/question-service/contract';
import { type Static, Type } from 'typebox';

/** `/internal/questions/:questionId/stats`, called with an admin's token (through admin-service) or a service's. */

export const QuestionStatsParams = Type.Object(
  { questionId: Type.String({ pattern: QUESTION_ID_PATTERN }) },
  { additionalProperties: false },
);
export type QuestionStatsParams = Static<typeof QuestionStatsParams>;

const Count = Type.Integer({ minimum: 0 });
const Rate = Type.Number({ minimum: 0, maximum: 1 });

/** How a question has fared in play; a question never served counts zero everywhere. */
export const QuestionPlayStats = Type.Object({
  questionId: Type.String(),
  timesServed: Count,
  attempts: Count,
  correctAttempts: Count,
  timesAnsweredCorrectly: Count,
  successRate: Rate,
  hintsShown: Count,
  hintRate: Rate,
});
export type QuestionPlayStats = Static<typeof QuestionPlayStats>;
