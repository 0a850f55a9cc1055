import { LIMITS } from '@know-foolery/question-service/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closedPortUrl, type DownstreamStub, problem, startDownstreamStub } from './downstream-stub.js';
import {
  type AdminHarness,
  aQuestion,
  auth,
  gameService,
  IMPORT_REPORT,
  PLAY_STATS,
  questionService,
  startAdmin,
} from './harness.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const REQUEST_ID = 'admin-request-42';

describe('admin-service', () => {
  let questions: DownstreamStub;
  let games: DownstreamStub;
  let admin: AdminHarness;
  let adminToken: string;
  let questionServiceReady = true;

  const call = async (method: Method, url: string, payload?: unknown, authorization = adminToken) =>
    admin.app.inject({
      method,
      url,
      headers: { authorization, 'x-request-id': REQUEST_ID },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  const downstreamCalls = () => questions.calls.length + games.calls.length;

  beforeAll(async () => {
    questions = await startDownstreamStub(questionService, () => questionServiceReady);
    games = await startDownstreamStub(gameService);
    admin = await startAdmin(questions.url, games.url);
    adminToken = await auth.bearer('root', ['admin']);
  });

  afterAll(async () => {
    await admin.close();
    await Promise.all([questions.close(), games.close()]);
  });

  beforeEach(() => {
    questions.override(null);
    games.override(null);
    questionServiceReady = true;
  });

  it("forwards a search with its filters, the admin's token and the request id", async () => {
    const response = await call(
      'GET',
      '/api/v1/admin/questions?theme=Science&difficulty=hard&active=false&text=gold&limit=5&offset=10',
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ items: [aQuestion('q-1')], total: 1, limit: 5, offset: 10 });

    const received = questions.calls.at(-1);
    expect(received?.method).toBe('GET');
    const forwarded = new URL(received?.url ?? '', 'http://stub');
    expect(forwarded.pathname).toBe('/internal/questions');
    expect(Object.fromEntries(forwarded.searchParams)).toEqual({
      theme: 'Science',
      difficulty: 'hard',
      active: 'false',
      text: 'gold',
      limit: '5',
      offset: '10',
    });
    expect(received?.headers.authorization).toBe(adminToken);
    expect(received?.headers['x-request-id']).toBe(REQUEST_ID);
  });

  it('forwards the kind and review reason filters', async () => {
    await call('GET', '/api/v1/admin/questions?kind=true_false&reviewReason=needs_options');
    const forwarded = new URL(questions.calls.at(-1)?.url ?? '', 'http://stub');
    expect(Object.fromEntries(forwarded.searchParams)).toMatchObject({
      kind: 'true_false',
      reviewReason: 'needs_options',
    });
  });

  it('asks for the first page of 20 when the search names none', async () => {
    await call('GET', '/api/v1/admin/questions');
    expect(questions.calls.at(-1)?.url).toBe('/internal/questions?limit=20&offset=0');
  });

  it.each([
    ['limit=0'],
    ['limit=101'],
    ['offset=-1'],
    ['difficulty=extreme'],
    ['active=maybe'],
    ['text='],
    ['sort=theme'],
    [`theme=${'a'.repeat(LIMITS.theme + 1)}`],
    ['kind=multiple_choice'],
    ['reviewReason=too_easy'],
  ])('refuses the search ?%s with 400 before calling question-service', async (query) => {
    const before = downstreamCalls();
    const response = await call('GET', `/api/v1/admin/questions?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
    expect(downstreamCalls()).toBe(before);
  });

  it('creates a question: 201 with what question-service stored', async () => {
    const question = { theme: 'History', text: 'Who was the first Roman emperor?', answer: 'Augustus' };
    const response = await call('POST', '/api/v1/admin/questions', question);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual(aQuestion('q-new', { ...question, hint: null }));
    expect(questions.calls.at(-1)).toMatchObject({
      method: 'POST',
      url: '/internal/questions',
      body: question,
    });
  });

  it.each([
    ['no answer', { theme: 'History', text: 'Who?' }],
    ['an empty theme', { theme: '', text: 'Who?', answer: 'Me' }],
    ['an unknown difficulty', { theme: 'History', text: 'Who?', answer: 'Me', difficulty: 'insane' }],
    ['an unknown property', { theme: 'History', text: 'Who?', answer: 'Me', isActive: true }],
    [
      'a theme longer than question-service takes',
      { theme: 'a'.repeat(LIMITS.theme + 1), text: 'Who?', answer: 'Me' },
    ],
    [
      'an alternative longer than an answer',
      { theme: 'T', text: 'Who?', answer: 'Me', alternatives: ['x'.repeat(LIMITS.answer + 1)] },
    ],
    ['an unknown kind', { theme: 'T', text: 'Who?', answer: 'Me', kind: 'multiple_choice' }],
  ])('refuses a new question with %s before calling question-service', async (_case, payload) => {
    const before = downstreamCalls();
    const response = await call('POST', '/api/v1/admin/questions', payload);
    expect(response.statusCode).toBe(400);
    expect(downstreamCalls()).toBe(before);
  });

  it('reads, changes and deactivates one question', async () => {
    const read = await call('GET', '/api/v1/admin/questions/q-7');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(aQuestion('q-7'));

    const changed = await call('PATCH', '/api/v1/admin/questions/q-7', { hint: null, difficulty: 'hard' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ id: 'q-7', hint: null, difficulty: 'hard' });
    expect(questions.calls.at(-1)).toMatchObject({
      method: 'PATCH',
      url: '/internal/questions/q-7',
      body: { hint: null, difficulty: 'hard' },
    });

    const deactivated = await call('DELETE', '/api/v1/admin/questions/q-7');
    expect(deactivated.statusCode).toBe(200);
    expect(deactivated.json()).toMatchObject({ id: 'q-7', isActive: false });
    expect(questions.calls.at(-1)).toMatchObject({ method: 'DELETE', url: '/internal/questions/q-7' });
  });

  it.each([
    ['an empty change', 'PATCH', '/api/v1/admin/questions/q-7', {}],
    ['a theme too long', 'PATCH', '/api/v1/admin/questions/q-7', { theme: 'a'.repeat(LIMITS.theme + 1) }],
    ['an unknown field', 'PATCH', '/api/v1/admin/questions/q-7', { correctAnswer: 'x' }],
    ['an id with a path in it', 'GET', '/api/v1/admin/questions/..%2Fimport', undefined],
    ['an id with spaces', 'DELETE', '/api/v1/admin/questions/q%201', undefined],
  ] as const)('refuses %s with 400 before calling question-service', async (_case, method, url, payload) => {
    const before = downstreamCalls();
    const response = await call(method, url, payload);
    expect(response.statusCode).toBe(400);
    expect(downstreamCalls()).toBe(before);
  });

  it('forwards an import of several megabytes whole and returns the report', async () => {
    const content = `#Q What is 1+1?\n^ 2\n`.repeat(200_000);
    expect(content.length).toBeGreaterThan(3 * 1024 * 1024);
    const response = await call('POST', '/api/v1/admin/questions/import', {
      format: 'opentriviaqa',
      fileName: 'maths.txt',
      content,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(IMPORT_REPORT);
    const received = questions.calls.at(-1);
    expect(received?.url).toBe('/internal/questions/import');
    expect(received?.body).toEqual({ format: 'opentriviaqa', fileName: 'maths.txt', content });
  });

  it.each([
    ['one byte over it', 'x'.repeat(8 * 1024 * 1024 + 1)],
    ['within it in characters, over it in UTF-8 bytes', 'é'.repeat(4 * 1024 * 1024 + 1)],
  ])('refuses a file sent as text %s with 413 before calling question-service', async (_case, content) => {
    const before = downstreamCalls();
    const response = await call('POST', '/api/v1/admin/questions/import', {
      format: 'json',
      fileName: 'huge.json',
      content,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      detail: 'a question file has at most 8388608 bytes',
    });
    expect(downstreamCalls()).toBe(before);
  });

  it('keeps the small body limit on the other routes', async () => {
    const response = await call('POST', '/api/v1/admin/questions', {
      theme: 'Big',
      text: 'x'.repeat(100 * 1024),
      answer: 'y',
    });
    expect(response.statusCode).toBe(413);
  });

  it.each([
    ['an unknown format', { format: 'csv', fileName: 'a.csv', content: 'a,b' }],
    ['no file name', { format: 'json', content: '[]' }],
    ['empty content', { format: 'json', fileName: 'a.json', content: '' }],
  ])('refuses an import with %s with 400 before calling question-service', async (_case, payload) => {
    const before = downstreamCalls();
    const response = await call('POST', '/api/v1/admin/questions/import', payload);
    expect(response.statusCode).toBe(400);
    expect(downstreamCalls()).toBe(before);
  });

  it('puts a question beside its play statistics, asking both owners with the admin token', async () => {
    const response = await call('GET', '/api/v1/admin/questions/q-9/stats');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ question: aQuestion('q-9'), stats: PLAY_STATS });
    for (const stub of [questions, games]) {
      expect(stub.calls.at(-1)?.headers.authorization).toBe(adminToken);
      expect(stub.calls.at(-1)?.headers['x-request-id']).toBe(REQUEST_ID);
    }
    expect(games.calls.at(-1)?.url).toBe('/internal/questions/q-9/stats');
  });

  it.each([
    [
      'a missing question',
      'GET',
      '/api/v1/admin/questions/q-404',
      undefined,
      problem(404, 'QUESTION_NOT_FOUND', 'no such question'),
    ],
    [
      'a duplicate question',
      'POST',
      '/api/v1/admin/questions',
      { theme: 'T', text: 'Q?', answer: 'A' },
      problem(409, 'DUPLICATE_QUESTION', 'this question exists'),
    ],
    [
      'a rule question-service enforces',
      'PATCH',
      '/api/v1/admin/questions/q-1',
      { alternatives: ['Au'] },
      problem(400, 'INVALID_ALTERNATIVES', 'the alternative "Au" repeats the answer'),
    ],
    [
      'a refused import',
      'POST',
      '/api/v1/admin/questions/import',
      { format: 'json', fileName: 'a.json', content: '{' },
      problem(400, 'INVALID_IMPORT', 'the file name "!!!" does not give a theme'),
    ],
  ] as const)('passes on %s with its status and code', async (_case, method, url, payload, answer) => {
    questions.override(answer);
    const response = await call(method, url, payload);
    expect(response.statusCode).toBe(answer.status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      status: answer.status,
      code: (answer.body as { code: string }).code,
      detail: (answer.body as { detail: string }).detail,
    });
  });

  it('reports a missing question before missing statistics', async () => {
    questions.override(problem(404, 'QUESTION_NOT_FOUND', 'no such question'));
    games.override({ status: 503, body: { status: 503, code: 'UNAVAILABLE', detail: 'down' } });
    const response = await call('GET', '/api/v1/admin/questions/q-404/stats');
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('QUESTION_NOT_FOUND');
  });

  it('answers 502 UPSTREAM_FAILED when game-service fails, even though the question was found', async () => {
    games.override({ status: 500, body: { status: 500, code: 'INTERNAL_ERROR', detail: 'boom' } });
    const response = await call('GET', '/api/v1/admin/questions/q-1/stats');
    expect(response.statusCode).toBe(502);
    expect(response.json().code).toBe('UPSTREAM_FAILED');
    expect(response.json().detail).not.toContain('boom');
  });

  it('answers 502 when question-service answers in a shape the contract does not allow', async () => {
    questions.override({ status: 200, body: { id: 'q-1', theme: 'no other fields' } });
    const response = await call('GET', '/api/v1/admin/questions/q-1');
    expect(response.statusCode).toBe(502);
    expect(response.json().code).toBe('UPSTREAM_INVALID_RESPONSE');
  });

  it('answers 503 with Retry-After when nothing listens where question-service should be', async () => {
    const orphan = await startAdmin(await closedPortUrl(), games.url);
    try {
      const response = await orphan.app.inject({
        method: 'GET',
        url: '/api/v1/admin/questions',
        headers: { authorization: adminToken },
      });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', status: 503 });
      expect(response.headers['retry-after']).toBeDefined();
      const ready = await orphan.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
    } finally {
      await orphan.close();
    }
  });

  const everyRoute: [Method, string, unknown][] = [
    ['GET', '/api/v1/admin/questions', undefined],
    ['POST', '/api/v1/admin/questions', { theme: 'T', text: 'Q?', answer: 'A' }],
    ['GET', '/api/v1/admin/questions/q-1', undefined],
    ['PATCH', '/api/v1/admin/questions/q-1', { isActive: false }],
    ['DELETE', '/api/v1/admin/questions/q-1', undefined],
    ['POST', '/api/v1/admin/questions/import', { format: 'json', fileName: 'a.json', content: '[]' }],
    ['GET', '/api/v1/admin/questions/q-1/stats', undefined],
  ];

  it.each(everyRoute)(
    'refuses a player on %s %s with 403 before any downstream call',
    async (method, url, payload) => {
      const before = downstreamCalls();
      const response = await call(method, url, payload, await auth.bearer('alice', ['player']));
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('FORBIDDEN');
      expect(downstreamCalls()).toBe(before);
    },
  );

  it.each(everyRoute)('refuses %s %s without a token with 401', async (method, url, payload) => {
    const response = await admin.app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    expect(response.statusCode).toBe(401);
  });

  it('is ready while question-service is, whatever game-service does', async () => {
    games.override({ status: 503 });
    const ready = await admin.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks['question-service'].status).toBe('up');

    questionServiceReady = false;
    const notReady = await admin.app.inject({ method: 'GET', url: '/health/ready' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json().checks['question-service']).toMatchObject({ status: 'down' });
  });
});
