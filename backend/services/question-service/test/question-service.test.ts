import { createTestDatabase, type TestDatabase, testAuth, testDialects } from '@know-foolery/shared/testing';
import { systemClock } from '@know-foolery/shared/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { questionMigrations } from '../src/data/migrations/index.js';
import type { QuestionDatabase } from '../src/data/schema.js';
import { fixtureJson, insertQuestions } from './factories.js';

const auth = testAuth();

describe.each(testDialects())('question-service on %s', (dialect) => {
  let database: TestDatabase<QuestionDatabase>;
  let app: ReturnType<typeof buildApp>;
  let admin: string;
  let player: string;
  let service: string;

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    authorization?: string,
    payload?: unknown,
  ) =>
    app.inject({
      method,
      url,
      ...(authorization ? { headers: { authorization } } : {}),
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  beforeAll(async () => {
    database = await createTestDatabase<QuestionDatabase>(dialect, questionMigrations);
    app = buildApp({ version: 'test', auth: auth.provider, database, clock: systemClock });
    await app.ready();
    [admin, player, service] = await Promise.all([
      auth.bearer('admin-1', ['admin']),
      auth.bearer('player-1', ['player']),
      auth.bearer('service:game', ['service']),
    ]);
    const imported = await call('POST', '/internal/questions/import', admin, {
      format: 'json',
      fileName: 'fixture.json',
      content: fixtureJson(),
    });
    expect(imported.json()).toMatchObject({ read: 12, imported: 12, duplicates: 0, rejected: 0 });
  });

  afterAll(async () => {
    await app.close();
    await database.dispose();
  });

  it('imports the same document a second time without adding anything', async () => {
    const again = await call('POST', '/internal/questions/import', admin, {
      format: 'json',
      fileName: 'fixture.json',
      content: fixtureJson(),
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ read: 12, imported: 0, duplicates: 12, rejected: 0 });
  });

  it('imports OpenTriviaQA text with mixed line endings and reports rejected blocks with their line', async () => {
    const content =
      '#Q Which metal is liquid at room temperature?\r\n^ Mercury\r\nA Mercury\r\nB Iron\u0085\u0085#Q No answer here\n\n#Q Odd one?\n^ Zinc\nA Tin\nB Lead\n';
    const response = await call('POST', '/internal/questions/import', admin, {
      format: 'opentriviaqa',
      fileName: 'chemistry',
      content,
    });
    expect(response.json()).toMatchObject({
      read: 3,
      imported: 1,
      rejected: 2,
      rejectedByReason: { missing_answer: 1, answer_not_in_options: 1 },
      rejections: [
        { reason: 'missing_answer', file: 'chemistry', line: 6 },
        { reason: 'answer_not_in_options', file: 'chemistry', line: 8 },
      ],
    });
  });

  it('lists themes with their active question counts, publicly', async () => {
    const response = await call('GET', '/api/v1/themes');
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toEqual([
      { theme: 'chemistry', questionCount: 1 },
      { theme: 'geography', questionCount: 4 },
      { theme: 'music', questionCount: 4 },
      { theme: 'science', questionCount: 4 },
    ]);
  });

  it('creates, reads, edits and deactivates a question, keeping its row', async () => {
    const created = await call('POST', '/internal/questions', admin, {
      theme: 'Pop Culture',
      text: ' Who is Mickey? ',
      answer: 'A mouse',
    });
    expect(created.statusCode).toBe(201);
    const question = created.json();
    expect(question).toMatchObject({
      theme: 'pop-culture',
      text: 'Who is Mickey?',
      difficulty: 'medium',
      isActive: true,
      hint: null,
    });

    const duplicate = await call('POST', '/internal/questions', admin, {
      theme: 'pop-culture',
      text: 'who is  mickey?',
      answer: 'a mouse',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('DUPLICATE_QUESTION');

    await new Promise((resolve) => setTimeout(resolve, 5));
    const edited = await call('PATCH', `/internal/questions/${question.id}`, admin, {
      hint: 'Disney',
      difficulty: 'easy',
    });
    expect(edited.json()).toMatchObject({
      hint: 'Disney',
      difficulty: 'easy',
      createdAt: question.createdAt,
    });
    expect(edited.json().updatedAt > question.updatedAt).toBe(true);

    const deleted = await call('DELETE', `/internal/questions/${question.id}`, admin);
    expect(deleted.json().isActive).toBe(false);
    const read = await call('GET', `/internal/questions/${question.id}`, admin);
    expect(read.json()).toMatchObject({ id: question.id, isActive: false });
  });

  it('filters and pages the admin list, with wildcards taken literally', async () => {
    const page = await call('GET', '/internal/questions?theme=music&limit=3&offset=0', admin);
    expect(page.json()).toMatchObject({ total: 4, limit: 3, offset: 0 });
    expect(page.json().items).toHaveLength(3);
    const search = await call('GET', '/internal/questions?text=CAPITAL', admin);
    expect(search.json().items.map((item: { answer: string }) => item.answer)).toEqual(['Paris']);
    const wildcard = await call('GET', '/internal/questions?text=%25', admin);
    expect(wildcard.json().total).toBe(0);
    const hard = await call('GET', '/internal/questions?difficulty=hard&active=true', admin);
    expect(hard.json().items.map((item: { answer: string }) => item.answer)).toEqual(['Vivaldi']);
  });

  it.each([
    ['GET', '/internal/questions?limit=0', 'VALIDATION_FAILED'],
    ['GET', '/internal/questions?theme=!!', 'INVALID_THEME'],
    ['GET', '/internal/questions?unknown=1', 'VALIDATION_FAILED'],
    ['POST', '/internal/questions', 'VALIDATION_FAILED'],
    ['PATCH', '/internal/questions/not-a-real-id', 'VALIDATION_FAILED'],
    ['GET', '/internal/questions/..%2Fetc', 'VALIDATION_FAILED'],
  ] as const)('%s %s answers 400 %s', async (method, url, code) => {
    const response = await call(method, url, admin, method === 'GET' ? undefined : { text: '' });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe(code);
  });

  it('answers 404 for an unknown question', async () => {
    const response = await call('GET', '/internal/questions/00000000-0000-0000-0000-000000000000', admin);
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('QUESTION_NOT_FOUND');
  });

  it('draws every active question of a pool once, then reports the pool empty', async () => {
    const pool = await call('GET', '/internal/questions/pool?theme=music', service);
    expect(pool.json()).toEqual({ available: 4 });
    const drawn: string[] = [];
    for (let index = 0; index < 4; index += 1) {
      const response = await call('POST', '/internal/questions/draw', service, {
        theme: 'music',
        excludeIds: drawn,
      });
      expect(response.statusCode).toBe(200);
      const { question } = response.json();
      expect(question.theme).toBe('music');
      expect(drawn).not.toContain(question.id);
      drawn.push(question.id);
    }
    const empty = await call('POST', '/internal/questions/draw', service, {
      theme: 'music',
      excludeIds: drawn,
    });
    expect(empty.statusCode).toBe(404);
    expect(empty.json().code).toBe('NO_QUESTIONS_LEFT');
  });

  it('draws within a difficulty and never an inactive question', async () => {
    const response = await call('POST', '/internal/questions/draw', service, {
      theme: 'music',
      difficulty: 'hard',
      excludeIds: [],
    });
    expect(response.json().question).toMatchObject({ answer: 'Vivaldi', difficulty: 'hard' });
    const inactive = await call('POST', '/internal/questions/draw', service, {
      theme: 'pop-culture',
      excludeIds: [],
    });
    expect(inactive.statusCode).toBe(404);
  });

  it('keeps drawing fast and valid from a large bank', async () => {
    await insertQuestions(database.db, 2_000, { theme: 'bulk' });
    const excludeIds: string[] = [];
    for (let index = 0; index < 50; index += 1) {
      const response = await call('POST', '/internal/questions/draw', service, { theme: 'bulk', excludeIds });
      excludeIds.push(response.json().question.id);
    }
    expect(new Set(excludeIds).size).toBe(50);
  });

  it.each([
    ['a player', () => player, 403],
    ['an admin', () => admin, 403],
    ['nobody', () => undefined, 401],
  ])('refuses %s on the draw route', async (_who, token, status) => {
    const response = await call('POST', '/internal/questions/draw', token(), { excludeIds: [] });
    expect(response.statusCode).toBe(status);
  });

  it.each([
    ['a player', () => player, 403],
    ['a service', () => service, 403],
    ['nobody', () => undefined, 401],
  ])('refuses %s on admin routes', async (_who, token, status) => {
    const response = await call('POST', '/internal/questions', token(), {
      theme: 'x',
      text: 'y?',
      answer: 'z',
    });
    expect(response.statusCode).toBe(status);
  });
});
