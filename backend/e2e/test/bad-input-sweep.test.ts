import { SERVICE_NAMES } from '@know-foolery/shared/config';
import { testDialects } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../src/api/client.js';
import { readDocument } from '../src/api/document.js';
import { type BadRequest, badRequestsFor, type Operation, publicOperations } from '../src/bad-input.js';
import { ApiClient } from '../src/http.js';
import { type RunningPlatform, startPlatform } from '../src/platform.js';
import { Player } from '../src/public-api.js';

interface Outcome {
  readonly request: BadRequest;
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

/** A valid body per operation, so that each bad request breaks one thing only. */
const VALID_BODIES: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  'POST /api/v1/games': { theme: 'sweep' },
  'POST /api/v1/games/{id}/answers': { answer: 'an answer' },
  'POST /api/v1/dev/token': { sub: 'sweeper', roles: ['player'], name: 'Sweeper' },
  'POST /api/v1/admin/questions': { theme: 'sweep', text: 'A sweep question?', answer: 'Yes indeed' },
  'PATCH /api/v1/admin/questions/{id}': { hint: 'a hint' },
  'POST /api/v1/admin/questions/import': { format: 'json', fileName: 'sweep.json', content: '[]' },
  'PATCH /api/v1/me': { displayName: 'Sweeper' },
};

async function send(gateway: string, request: BadRequest, token: string): Promise<Outcome> {
  const headers: Record<string, string> = { authorization: token };
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  const response = await fetch(`${gateway}${request.path}`, {
    method: request.method,
    headers,
    ...(request.body === undefined ? {} : { body: request.body }),
  });
  return {
    request,
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
}

describe.each(testDialects())('a sweep of bad input over every public route, on %s', (dialect) => {
  let platform: RunningPlatform;
  let player: Player;
  let admin: Player;
  let gameId: string;
  let questionId: string;

  beforeAll(async () => {
    platform = await startPlatform({ dialect });
    admin = await Player.signIn(platform.gatewayUrl, 'sweep-admin', 'Admin', ['admin']);
    player = await Player.signIn(platform.gatewayUrl, 'sweep-player', 'Player');
    const created = await admin.api.POST('/api/v1/admin/questions', {
      body: { theme: 'sweep', text: 'Which sweep is this?', answer: 'The first' },
    });
    questionId = ok(created).id;
    gameId = ok(await player.startGame('sweep')).id;
  });

  afterAll(async () => {
    await platform?.stop();
  });

  /** Every operation of the public document, as a client would discover them. */
  async function operations(): Promise<Operation[]> {
    return publicOperations(await readDocument(platform.gatewayUrl));
  }

  function fill(operation: Operation) {
    const id = operation.template.startsWith('/api/v1/games/') ? gameId : questionId;
    return {
      path: operation.template.replaceAll(/\{[^}]+\}/g, id),
      body: VALID_BODIES[`${operation.method} ${operation.template}`] ?? {},
    };
  }

  it('answers every malformed request with a 4xx problem+json and never a 5xx, then still serves', async () => {
    const all = await operations();
    expect(all.length).toBeGreaterThanOrEqual(15);
    const outcomes: Outcome[] = [];
    for (const operation of all) {
      const token = operation.template.startsWith('/api/v1/admin') ? admin.token : player.token;
      for (const request of badRequestsFor(operation, fill(operation)))
        outcomes.push(await send(platform.gatewayUrl, request, token));
    }

    const byClass = new Map<string, number>();
    for (const { status } of outcomes) {
      const statusClass = `${String(status).charAt(0)}xx`;
      byClass.set(statusClass, (byClass.get(statusClass) ?? 0) + 1);
    }
    const serverErrors = outcomes.filter((outcome) => outcome.status >= 500);
    const notProblems = outcomes.filter(
      (outcome) => outcome.status >= 400 && !outcome.contentType.startsWith('application/problem+json'),
    );
    const leaks = outcomes.filter((outcome) => /node_modules|\bat .+\.(?:ts|js):\d+/.test(outcome.text));
    console.info(
      `bad-input sweep on ${dialect}: ${all.length} operations, ${outcomes.length} requests; ` +
        `${[...byClass].map(([statusClass, count]) => `${statusClass} ${count}`).join(', ')}; ` +
        `5xx ${serverErrors.length}, not problem+json ${notProblems.length}`,
    );
    const describe = (outcome: Outcome) =>
      `${outcome.request.label} -> ${outcome.status} ${outcome.contentType} ${outcome.text.slice(0, 160)}`;
    expect(serverErrors.map(describe)).toEqual([]);
    expect(notProblems.map(describe)).toEqual([]);
    expect(leaks.map(describe)).toEqual([]);

    const next = await Player.signIn(platform.gatewayUrl, 'sweep-after', 'After');
    const game = ok(await next.startGame('sweep'));
    ok(await next.question(game.id));
    for (const name of SERVICE_NAMES) {
      const ready = await new ApiClient(platform.urls[name]).get('/health/ready');
      expect(ready.status, `${name}-service ready after the sweep`).toBe(200);
    }
    // About 1,200 requests one after another: a few seconds alone, far longer on a machine busy with other work.
  }, 120_000);
});
