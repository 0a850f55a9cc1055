import { testDialects } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, type QuestionServiceHarness, startQuestionApp } from './app-harness.js';
import { insertQuestions } from './factories.js';

describe.each(testDialects())('drawing by kind on %s', (dialect) => {
  let questionService: QuestionServiceHarness;
  let game: string;
  /** Where each draw starts: every test walks the whole key range from several points. */
  let point = 0;

  const pool = (query: string) =>
    questionService.app.inject({
      method: 'GET',
      url: `/internal/questions/pool?${query}`,
      headers: { authorization: game },
    });
  const draw = (body: object) =>
    questionService.app.inject({
      method: 'POST',
      url: '/internal/questions/draw',
      headers: { authorization: game },
      payload: { excludeIds: [], ...body },
    });

  beforeAll(async () => {
    questionService = await startQuestionApp(dialect, () => point);
    game = await auth.bearer('service:game', ['service']);
    await insertQuestions(questionService.database.db, 6, {
      theme: 'mixed',
      kind: 'free_text',
      alternatives: ['alt'],
    });
    await insertQuestions(questionService.database.db, 4, {
      theme: 'mixed',
      answer: 'True',
      kind: 'true_false',
    });
    await insertQuestions(questionService.database.db, 3, {
      theme: 'mixed',
      difficulty: 'hard',
      answer: 'False',
      kind: 'true_false',
    });
    await insertQuestions(questionService.database.db, 2, {
      theme: 'only-true-false',
      answer: 'True',
      kind: 'true_false',
    });
  });

  afterAll(() => questionService.close());

  it.each([
    ['', 6 + 4 + 3 + 2],
    ['theme=mixed', 13],
    ['theme=mixed&kinds=free_text', 6],
    ['theme=mixed&kinds=true_false', 7],
    ['theme=mixed&kinds=true_false&difficulty=hard', 3],
    ['kinds=true_false', 9],
    ['kinds=free_text&kinds=true_false', 15],
    ['theme=only-true-false&kinds=free_text', 0],
  ])('counts the pool ?%s as %i', async (query, available) => {
    const response = await pool(query);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ available });
  });

  it.each([['kinds=multiple_choice'], ['kinds='], ['kinds=free_text&kinds=free_text']])(
    'refuses the pool ?%s',
    async (query) => {
      const response = await pool(query);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('VALIDATION_FAILED');
    },
  );

  it('never draws a kind the game left out, wherever the draw starts', async () => {
    for (const start of [0, 0.25, 0.5, 0.75, 0.999]) {
      point = start;
      const excludeIds: string[] = [];
      for (let index = 0; index < 6; index += 1) {
        const response = await draw({ theme: 'mixed', kinds: ['free_text'], excludeIds });
        expect(response.statusCode).toBe(200);
        const { question } = response.json();
        expect(question.kind).toBe('free_text');
        excludeIds.push(question.id);
      }
      const exhausted = await draw({ theme: 'mixed', kinds: ['free_text'], excludeIds });
      expect(exhausted.statusCode).toBe(404);
      expect(exhausted.json().code).toBe('NO_QUESTIONS_LEFT');
    }
  });

  it('draws only true/false questions when those are all the game asks for', async () => {
    const drawn = new Set<string>();
    for (let index = 0; index < 7; index += 1) {
      const response = await draw({ kinds: ['true_false'], theme: 'mixed', excludeIds: [...drawn] });
      expect(response.json().question).toMatchObject({ kind: 'true_false', theme: 'mixed' });
      drawn.add(response.json().question.id);
    }
    expect(drawn.size).toBe(7);
  });

  it('hands the game the kind and the alternatives with the question', async () => {
    const response = await draw({ theme: 'mixed', kinds: ['free_text'] });
    expect(response.json().question).toMatchObject({ kind: 'free_text', alternatives: ['alt'] });
    expect(Object.keys(response.json().question).sort()).toEqual(
      ['alternatives', 'answer', 'difficulty', 'hint', 'id', 'kind', 'text', 'theme'].sort(),
    );
  });

  it('draws every kind when the list names them all, as when it is left out', async () => {
    const kinds: string[] = [];
    const excludeIds: string[] = [];
    for (let index = 0; index < 13; index += 1) {
      const response = await draw({ theme: 'mixed', kinds: ['true_false', 'free_text'], excludeIds });
      kinds.push(response.json().question.kind);
      excludeIds.push(response.json().question.id);
    }
    expect(kinds.filter((kind) => kind === 'free_text')).toHaveLength(6);
    expect(kinds.filter((kind) => kind === 'true_false')).toHaveLength(7);
  });

  it('answers 404 when the theme has nothing of the kinds asked for', async () => {
    const response = await draw({ theme: 'only-true-false', kinds: ['free_text'] });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('NO_QUESTIONS_LEFT');
  });
});
