import { QuestionPlayStats } from '@know-foolery/game-service/contract';
import { AdminQuestion, QuestionErrorCode } from '@know-foolery/question-service/contract';
import { AUTHENTICATED_ERRORS, UPSTREAM_ERRORS } from '@know-foolery/shared/http-server';
import { Type } from 'typebox';

export const QuestionWithStats = Type.Object({
  question: AdminQuestion,
  stats: Type.Omit(QuestionPlayStats, ['questionId']),
});

/** What every admin route may answer besides its own: its callers' tokens, and the owners it calls. */
export const ADMIN_ERRORS = [AUTHENTICATED_ERRORS, UPSTREAM_ERRORS] as const;

/** question-service's answer for an id it does not hold, passed on. */
export const QUESTION_NOT_FOUND = { 404: [QuestionErrorCode.questionNotFound] };
