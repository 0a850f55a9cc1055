import { QuestionPlayStats } from '@know-foolery/game-service/contract';
import type { CallContext, ServiceClient } from '@know-foolery/shared/http-client';

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
    return (await this.#client.get(path, QuestionPlayStats, { context })).body;
  }
}
