import { RecordedScore, type ScoreSubmission } from '@know-foolery/leaderboard-service/contract';
import {
  type DrawBody,
  DrawnQuestion as Drawn,
  type PoolQuery,
  PoolSize,
  QuestionErrorCode,
} from '@know-foolery/question-service/contract';
import type { ServiceTokenSource } from '@know-foolery/shared/auth';
import { AppError } from '@know-foolery/shared/errors';
import { asService, type CallContext, type ServiceClient } from '@know-foolery/shared/http-client';
import { Profile } from '@know-foolery/user-service/contract';
import type { DrawnQuestion } from '../data/game-repository.js';
import type { Downstreams, QuestionPool } from './downstreams.js';

function poolQuery(pool: QuestionPool): PoolQuery {
  return {
    theme: pool.theme ?? undefined,
    difficulty: pool.difficulty ?? undefined,
    kinds: [...pool.kinds],
  };
}

export interface HttpDownstreamClients {
  readonly question: ServiceClient;
  readonly user: ServiceClient;
  readonly leaderboard: ServiceClient;
}

/** The real services behind the game's downstream interfaces. */
export function httpDownstreams(clients: HttpDownstreamClients, identity: ServiceTokenSource): Downstreams {
  const asGameService = async (context: CallContext) => asService(context, await identity.token());
  return {
    questions: {
      async available(pool, context) {
        const response = await clients.question.get('/internal/questions/pool', PoolSize, {
          context: await asGameService(context),
          query: poolQuery(pool),
        });
        return response.body.available;
      },
      async draw(pool, excludeIds, context): Promise<DrawnQuestion | null> {
        try {
          const response = await clients.question.post('/internal/questions/draw', Drawn, {
            context: await asGameService(context),
            body: { ...poolQuery(pool), excludeIds: [...excludeIds] } satisfies DrawBody,
            idempotent: true,
          });
          const { id, ...question } = response.body.question;
          return { questionId: id, ...question };
        } catch (error) {
          if (error instanceof AppError && error.code === QuestionErrorCode.noQuestionsLeft) return null;
          throw error;
        }
      },
    },
    profiles: {
      async ensure(context) {
        await clients.user.get('/api/v1/me', Profile, { context });
      },
    },
    scoreboard: {
      async record(score, context) {
        await clients.leaderboard.post('/internal/scores', RecordedScore, {
          context: await asGameService(context),
          body: { ...score, finishedAt: score.finishedAt.toISOString() } satisfies ScoreSubmission,
          idempotent: true,
        });
      },
    },
  };
}
