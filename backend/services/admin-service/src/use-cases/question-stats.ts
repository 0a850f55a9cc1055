import type { QuestionPlayStats } from '@know-foolery/game-service/contract';
import type { AdminQuestion } from '@know-foolery/question-service/contract';
import type { CallContext } from '@know-foolery/shared/http-client';
import type { GameStatsClient } from '../clients/game-stats-client.js';
import type { QuestionAdminClient } from '../clients/question-admin-client.js';

export interface QuestionStatsDeps {
  readonly questions: QuestionAdminClient;
  readonly gameStats: GameStatsClient;
}

export interface QuestionWithStats {
  readonly question: AdminQuestion;
  readonly stats: Omit<QuestionPlayStats, 'questionId'>;
}

/**
 * A question beside how it fared in play, asked of both owners at once. When both fail, the
 * question's failure is the one reported: "no such question" says more than "no statistics".
 */
export async function questionWithStats(
  deps: QuestionStatsDeps,
  questionId: string,
  context: CallContext,
): Promise<QuestionWithStats> {
  const [question, played] = await Promise.allSettled([
    deps.questions.get(questionId, context),
    deps.gameStats.questionStats(questionId, context),
  ]);
  if (question.status === 'rejected') throw question.reason;
  if (played.status === 'rejected') throw played.reason;
  const { questionId: _sameId, ...stats } = played.value;
  return { question: question.value, stats };
}
