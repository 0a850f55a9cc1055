import type { AdminQuestion, ImportReport } from '@know-foolery/question-service/contract';
import type { ServiceClientConfig } from '@know-foolery/shared/config';
import { ServiceClient } from '@know-foolery/shared/http-client';
import { testAuth } from '@know-foolery/shared/testing';
import { buildApp } from '../src/app.js';
import { ServiceGameStatsClient } from '../src/clients/game-stats-client.js';
import { ServiceQuestionAdminClient } from '../src/clients/question-admin-client.js';
import type { PlayerAccountDeps } from '../src/use-cases/player-accounts.js';
import type { Answer, ReceivedCall } from './downstream-stub.js';

export const auth = testAuth();

/** No retries and a breaker that never opens: each test sees exactly what one call does. */
export const clientConfig: ServiceClientConfig = {
  timeoutMs: 2_000,
  retries: 0,
  breakerFailureThreshold: 1_000,
  breakerFirstProbeMs: 1_000,
  breakerResetMs: 1_000,
};

export interface AdminHarness {
  readonly app: ReturnType<typeof buildApp>;
  close(): Promise<void>;
}

export async function startAdmin(
  questionServiceUrl: string,
  gameServiceUrl: string,
  players: PlayerAccountDeps | null = null,
): Promise<AdminHarness> {
  const client = (name: string, baseUrl: string) =>
    new ServiceClient({ name, baseUrl, config: clientConfig });
  const questionService = client('question-service', questionServiceUrl);
  const gameService = client('game-service', gameServiceUrl);
  const app = buildApp({
    version: 'test',
    auth: auth.provider,
    questions: new ServiceQuestionAdminClient({ calls: questionService, imports: questionService }),
    gameStats: new ServiceGameStatsClient(gameService),
    players,
    questionServiceUrl,
  });
  await app.ready();
  return {
    app,
    async close() {
      await app.close();
      await Promise.all([questionService.close(), gameService.close()]);
    },
  };
}

export function aQuestion(id: string, changes: Partial<AdminQuestion> = {}): AdminQuestion {
  return {
    id,
    theme: 'Science',
    text: 'What is the chemical symbol of gold?',
    answer: 'Au',
    alternatives: ['Gold'],
    hint: 'Latin: aurum',
    difficulty: 'easy',
    kind: 'free_text',
    isActive: true,
    reviewReason: null,
    createdAt: '2025-02-01T10:00:00.000Z',
    updatedAt: '2025-02-01T10:00:00.000Z',
    ...changes,
  };
}

export const IMPORT_REPORT: ImportReport = {
  read: 3,
  byKind: { free_text: 1, true_false: 1, needs_options: 0 },
  imported: 1,
  duplicates: 1,
  reactivated: 0,
  deactivated: 0,
  rejected: 1,
  rejectedByReason: { missing_answer: 1 },
  rejections: [{ reason: 'missing_answer', file: 'science.txt', line: 7, excerpt: 'What is...' }],
  rejectionsOmitted: 0,
  warnings: [],
  warningsOmitted: 0,
  skippedFiles: [],
};

/** Answers question-service's admin contract the way the real service would, for any id. */
export function questionService(call: ReceivedCall): Answer {
  const url = new URL(call.url, 'http://stub');
  const id = /^\/internal\/questions\/([^/]+)$/.exec(url.pathname)?.[1];
  const body = call.body as Partial<AdminQuestion>;
  if (url.pathname === '/internal/questions' && call.method === 'GET') {
    const limit = Number(url.searchParams.get('limit'));
    const offset = Number(url.searchParams.get('offset'));
    return { status: 200, body: { items: [aQuestion('q-1')], total: 1, limit, offset } };
  }
  if (url.pathname === '/internal/questions' && call.method === 'POST') {
    return { status: 201, body: aQuestion('q-new', { hint: null, ...body }) };
  }
  if (url.pathname.startsWith('/internal/questions/import') && call.method === 'POST') {
    return { status: 200, body: IMPORT_REPORT };
  }
  if (id !== undefined && call.method === 'GET') return { status: 200, body: aQuestion(id) };
  if (id !== undefined && call.method === 'PATCH') return { status: 200, body: aQuestion(id, body) };
  if (id !== undefined && call.method === 'DELETE')
    return { status: 200, body: aQuestion(id, { isActive: false }) };
  return { status: 404, body: { status: 404, code: 'ROUTE_NOT_FOUND', detail: 'stub has no such route' } };
}

export const PLAY_STATS = {
  timesServed: 40,
  attempts: 70,
  correctAttempts: 30,
  timesAnsweredCorrectly: 30,
  successRate: 0.75,
  hintsShown: 10,
  hintRate: 0.25,
};

/** Answers game-service's statistics contract for any question id. */
export function gameService(call: ReceivedCall): Answer {
  const id = /^\/internal\/questions\/([^/]+)\/stats$/.exec(call.url)?.[1];
  if (id !== undefined && call.method === 'GET') {
    return { status: 200, body: { questionId: decodeURIComponent(id), ...PLAY_STATS } };
  }
  return { status: 404, body: { status: 404, code: 'ROUTE_NOT_FOUND', detail: 'stub has no such route' } };
}
