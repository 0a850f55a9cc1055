import type { CallContext, ServiceClient } from '@know-foolery/shared/http-client';
import { type Static, Type } from 'typebox';
import { checkedBody } from './checked-body.js';

const Count = Type.Integer({ minimum: 0 });
const Rate = Type.Number({ minimum: 0, maximum: 1 });

/** game-service's `GET /internal/questions/:questionId/stats`. */
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

/** How a question has fared in play, as game-service counts it. */
export interface GameStatsClient {
  questionStats(questionId: string, context: CallContext): Promise<QuestionPlayStats>;
}

export class ServiceGameStatsClient implements GameStatsClient {
  readonly #client: ServiceClient;

  constructor(client: ServiceClient) {
    this.#client = client;
  }

  async questionStats(questionId: string, context: CallContext): Promise<QuestionPlayStats> {
    const path = `/internal/questions/${encodeURIComponent(questionId)}/stats`;
    return checkedBody(
      QuestionPlayStats,
      await this.#client.get<unknown>(path, { context }),
      this.#client.name,
    );
  }
}
