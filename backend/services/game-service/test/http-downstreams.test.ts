import type { AddressInfo } from 'node:net';
import { createServiceTokenSource } from '@know-foolery/shared/auth';
import { ServiceClient } from '@know-foolery/shared/http-client';
import { testAuth } from '@know-foolery/shared/testing';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { httpDownstreams } from '../src/clients/http-downstreams.js';

const auth = testAuth();
const clientConfig = {
  timeoutMs: 2_000,
  retries: 1,
  breakerFailureThreshold: 5,
  breakerFirstProbeMs: 1_000,
  breakerResetMs: 1_000,
};

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly requestId: string | undefined;
  readonly body: unknown;
}

describe('game-service clients over real HTTP', () => {
  let server: FastifyInstance;
  const seen: Seen[] = [];
  let downstreams: ReturnType<typeof httpDownstreams>;
  let clients: ServiceClient[];
  let exhausted = false;
  let drawnKind = 'free_text';

  beforeAll(async () => {
    server = Fastify();
    server.addHook('preHandler', async (request) => {
      seen.push({
        method: request.method,
        url: request.url,
        authorization: request.headers.authorization,
        requestId: request.headers['x-request-id'] as string | undefined,
        body: request.body,
      });
    });
    server.get('/internal/questions/pool', async () => ({ available: 7 }));
    server.post('/internal/questions/draw', async (_request, reply) => {
      if (exhausted) {
        return reply.status(404).type('application/problem+json').send({
          type: '/problems/no-questions-left',
          title: 'Not Found',
          status: 404,
          detail: 'empty',
          code: 'NO_QUESTIONS_LEFT',
        });
      }
      return {
        question: {
          id: 'q1',
          theme: 'geo',
          difficulty: 'easy',
          kind: drawnKind,
          text: 'Capital of Peru?',
          answer: 'Lima',
          alternatives: ['Ciudad de los Reyes'],
          hint: null,
        },
      };
    });
    server.get('/api/v1/me', async () => ({
      id: 'alice',
      displayName: 'Alice',
      roles: ['player'],
      createdAt: '2026-11-24T09:00:00.000Z',
      updatedAt: '2026-11-24T09:00:00.000Z',
    }));
    server.post('/internal/scores', async (request, reply) => reply.status(201).send(request.body));
    await server.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    clients = ['question', 'user', 'leaderboard'].map(
      (name) => new ServiceClient({ name, baseUrl: url, config: clientConfig }),
    );
    const [question, user, leaderboard] = clients;
    if (!question || !user || !leaderboard) throw new Error('clients missing');
    if (auth.issuer === null) throw new Error('the test provider issues tokens');
    downstreams = httpDownstreams(
      { question, user, leaderboard },
      createServiceTokenSource(auth.issuer, 'game'),
    );
  });

  afterEach(() => {
    exhausted = false;
    drawnKind = 'free_text';
    seen.splice(0);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await server.close();
  });

  it('asks question-service as the game service, forwarding the request id', async () => {
    const context = { requestId: 'req-1', authorization: 'Bearer player-token' };
    expect(
      await downstreams.questions.available(
        { theme: 'geo', difficulty: null, kinds: ['free_text'] },
        context,
      ),
    ).toBe(7);
    expect(
      await downstreams.questions.draw(
        { theme: 'geo', difficulty: 'easy', kinds: ['free_text', 'true_false'] },
        ['q0'],
        context,
      ),
    ).toEqual({
      questionId: 'q1',
      theme: 'geo',
      difficulty: 'easy',
      kind: 'free_text',
      text: 'Capital of Peru?',
      answer: 'Lima',
      alternatives: ['Ciudad de los Reyes'],
      hint: null,
    });
    const [pool, draw] = seen.splice(0);
    expect(pool?.url).toBe('/internal/questions/pool?theme=geo&kinds=free_text');
    expect(draw?.body).toEqual({
      theme: 'geo',
      difficulty: 'easy',
      kinds: ['free_text', 'true_false'],
      excludeIds: ['q0'],
    });
    expect(draw?.requestId).toBe('req-1');
    const identity = await auth.provider.verifyAccessToken(
      (draw?.authorization ?? '').replace('Bearer ', ''),
    );
    expect(identity).toMatchObject({ id: 'service:game', roles: ['service'] });
  });

  it('turns an exhausted pool into null', async () => {
    exhausted = true;
    expect(
      await downstreams.questions.draw({ theme: null, difficulty: null, kinds: ['free_text'] }, [], {
        requestId: 'r',
      }),
    ).toBeNull();
  });

  it("refuses a drawn question of a kind question-service's contract does not know, without its answer", async () => {
    drawnKind = 'multiple_choice';
    const refused = downstreams.questions.draw({ theme: null, difficulty: null, kinds: ['free_text'] }, [], {
      requestId: 'r',
    });
    await expect(refused).rejects.toMatchObject({ statusCode: 502, code: 'UPSTREAM_INVALID_RESPONSE' });
    await expect(refused).rejects.not.toThrow(/Lima/);
  });

  it("ensures the profile with the player's own token and records scores as the service", async () => {
    await downstreams.profiles.ensure({ requestId: 'req-2', authorization: 'Bearer player-token' });
    await downstreams.scoreboard.record(
      { gameId: 'g1', userId: 'alice', score: 4, finishedAt: new Date('2026-11-24T10:00:00Z') },
      { requestId: 'req-3' },
    );
    const [profile, score] = seen.splice(0);
    expect(profile).toMatchObject({ url: '/api/v1/me', authorization: 'Bearer player-token' });
    expect(score).toMatchObject({ url: '/internal/scores', requestId: 'req-3' });
    expect(score?.authorization).not.toBe('Bearer player-token');
  });
});
