import { testDialects } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, MAX_ALTERNATIVES } from '../src/contract/index.js';
import { auth, type QuestionServiceHarness, startQuestionApp } from './app-harness.js';
import { insertQuestions } from './factories.js';

describe.each(testDialects())('question curation: kinds, alternatives and review on %s', (dialect) => {
  let service: QuestionServiceHarness;
  let admin: string;

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    service.app.inject({
      method,
      url,
      headers: { authorization: admin },
      ...(payload === undefined ? {} : { payload }),
    });

  const create = (fields: object) =>
    call('POST', '/internal/questions', { theme: 'curation', text: `Q${Math.random()}?`, ...fields });

  beforeAll(async () => {
    service = await startQuestionApp(dialect);
    admin = await auth.bearer('admin-1', ['admin']);
  });

  afterAll(() => service.close());

  it('stores alternatives trimmed, shows them, and replaces them on edit', async () => {
    const created = await create({ answer: 'Mount Everest', alternatives: [' Everest ', 'Chomolungma'] });
    expect(created.statusCode).toBe(201);
    const question = created.json();
    expect(question).toMatchObject({ alternatives: ['Everest', 'Chomolungma'], kind: 'free_text' });

    const read = await call('GET', `/internal/questions/${question.id}`);
    expect(read.json().alternatives).toEqual(['Everest', 'Chomolungma']);

    const edited = await call('PATCH', `/internal/questions/${question.id}`, {
      alternatives: ['Sagarmatha'],
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().alternatives).toEqual(['Sagarmatha']);
    const cleared = await call('PATCH', `/internal/questions/${question.id}`, { alternatives: [] });
    expect(cleared.json().alternatives).toEqual([]);
  });

  it('trims a hint, and stores a hint of nothing but spaces as no hint', async () => {
    expect((await create({ answer: 'Oslo', hint: '  Fjords  ' })).json().hint).toBe('Fjords');
    const blank = (await create({ answer: 'Bergen', hint: '   ' })).json();
    expect(blank.hint).toBeNull();
    const edited = await call('PATCH', `/internal/questions/${blank.id}`, { hint: ' \t ' });
    expect(edited.json().hint).toBeNull();
  });

  it.each([
    ['an answer', { answer: '?!...' }],
    ['a question text', { text: '¿...?', answer: 'Yes' }],
  ])('refuses %s of punctuation alone, which no player could ever match', async (_case, fields) => {
    const response = await create(fields);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('gives a question no alternatives when none are sent', async () => {
    const created = await create({ answer: 'Paris' });
    expect(created.json().alternatives).toEqual([]);
  });

  it.each([
    ['one equal to the answer', 'Everest', ['everest'], 'INVALID_ALTERNATIVES'],
    ['two equal after trimming', 'Mount Everest', ['Everest', ' Everest'], 'INVALID_ALTERNATIVES'],
    ['two that differ only in case', 'Mount Everest', ['Everest', 'EVEREST'], 'INVALID_ALTERNATIVES'],
    ['a blank one', 'Mount Everest', ['   '], 'VALIDATION_FAILED'],
    ['one of punctuation alone', 'Mount Everest', ['?!'], 'VALIDATION_FAILED'],
    ['an empty one', 'Mount Everest', [''], 'VALIDATION_FAILED'],
    ['one longer than an answer', 'Mount Everest', ['x'.repeat(LIMITS.answer + 1)], 'VALIDATION_FAILED'],
    [
      `more than ${MAX_ALTERNATIVES}`,
      'Mount Everest',
      Array.from({ length: MAX_ALTERNATIVES + 1 }, (_, index) => `name ${index}`),
      'VALIDATION_FAILED',
    ],
    ['a number among them', 'Mount Everest', [8848], 'VALIDATION_FAILED'],
  ])('refuses alternatives with %s', async (_case, answer, alternatives, code) => {
    const response = await create({ answer, alternatives });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe(code);
  });

  it('accepts the most alternatives allowed, each as long as an answer may be', async () => {
    const alternatives = Array.from({ length: MAX_ALTERNATIVES }, (_, index) =>
      `${index}`.padEnd(LIMITS.answer, 'x'),
    );
    const response = await create({ answer: 'y', alternatives });
    expect(response.statusCode).toBe(201);
    expect(response.json().alternatives).toEqual(alternatives);
  });

  it('refuses an edit that makes the answer one of its alternatives', async () => {
    const question = (await create({ answer: 'Mount Everest', alternatives: ['Everest'] })).json();
    const response = await call('PATCH', `/internal/questions/${question.id}`, { answer: 'everest' });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('INVALID_ALTERNATIVES');
    const unchanged = await call('GET', `/internal/questions/${question.id}`);
    expect(unchanged.json()).toMatchObject({ answer: 'Mount Everest', alternatives: ['Everest'] });
  });

  it('tells the kind from the answer when none is given, and keeps the one given', async () => {
    expect((await create({ answer: 'True' })).json().kind).toBe('true_false');
    expect((await create({ answer: ' false ' })).json()).toMatchObject({
      kind: 'true_false',
      answer: 'false',
    });
    expect((await create({ answer: 'Trueman' })).json().kind).toBe('free_text');
    expect((await create({ answer: 'True', kind: 'free_text' })).json().kind).toBe('free_text');
  });

  it('refuses a true/false question whose answer is not True or False, on create and on edit', async () => {
    const created = await create({ answer: 'Paris', kind: 'true_false' });
    expect(created.statusCode).toBe(400);
    expect(created.json().code).toBe('INVALID_KIND');

    const question = (await create({ answer: 'True' })).json();
    const renamed = await call('PATCH', `/internal/questions/${question.id}`, { answer: 'Paris' });
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().code).toBe('INVALID_KIND');
    const both = await call('PATCH', `/internal/questions/${question.id}`, {
      answer: 'Paris',
      kind: 'free_text',
    });
    expect(both.json()).toMatchObject({ answer: 'Paris', kind: 'free_text' });
    const back = await call('PATCH', `/internal/questions/${question.id}`, {
      answer: 'False',
      kind: 'true_false',
    });
    expect(back.json()).toMatchObject({ answer: 'False', kind: 'true_false' });
  });

  it('filters the list by kind', async () => {
    await create({ theme: 'kinds', answer: 'True' });
    await create({ theme: 'kinds', answer: 'Oslo' });
    await create({ theme: 'kinds', answer: 'False' });
    const trueFalse = await call('GET', '/internal/questions?theme=kinds&kind=true_false');
    expect(trueFalse.json().total).toBe(2);
    expect(
      trueFalse
        .json()
        .items.map((item: { answer: string }) => item.answer)
        .sort(),
    ).toEqual(['False', 'True']);
    const freeText = await call('GET', '/internal/questions?theme=kinds&kind=free_text');
    expect(freeText.json().items.map((item: { answer: string }) => item.answer)).toEqual(['Oslo']);
    const unknown = await call('GET', '/internal/questions?kind=multiple_choice');
    expect(unknown.statusCode).toBe(400);
  });

  it('lists the questions waiting for review and clears the reason when a curator activates one', async () => {
    await insertQuestions(service.database.db, 2, {
      theme: 'review',
      answer: 'All of these',
      reviewReason: 'needs_options',
    });
    await insertQuestions(service.database.db, 1, { theme: 'review' });
    const waiting = await call('GET', '/internal/questions?theme=review&reviewReason=needs_options');
    expect(waiting.json().total).toBe(2);
    for (const item of waiting.json().items) {
      expect(item).toMatchObject({ reviewReason: 'needs_options', isActive: false });
    }

    const [first] = waiting.json().items;
    const fixed = await call('PATCH', `/internal/questions/${first.id}`, { answer: 'Oak, ash and elm' });
    expect(fixed.json()).toMatchObject({ reviewReason: 'needs_options', isActive: false });
    const activated = await call('PATCH', `/internal/questions/${first.id}`, { isActive: true });
    expect(activated.json()).toMatchObject({ reviewReason: null, isActive: true });

    const still = await call('GET', '/internal/questions?theme=review&reviewReason=needs_options');
    expect(still.json().total).toBe(1);
    const all = await call('GET', '/internal/questions?theme=review');
    expect(all.json().total).toBe(3);
  });

  it(`refuses a theme of ${LIMITS.theme + 1} characters as it refuses any invalid field`, async () => {
    const response = await create({ theme: 'a'.repeat(LIMITS.theme + 1), answer: 'x' });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
    expect((await create({ theme: 'a'.repeat(LIMITS.theme), answer: 'x' })).statusCode).toBe(201);
  });
});
