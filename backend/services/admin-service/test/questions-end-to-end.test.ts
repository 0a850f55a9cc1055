import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeService } from '@know-foolery/question-service/compose';
import { loadConfig } from '@know-foolery/question-service/config';
import { type AdminQuestion, IMPORT_FILE_LIMIT_BYTES, LIMITS } from '@know-foolery/question-service/contract';
import { parseFile } from '@know-foolery/question-service/import';
import { type RunningService, startRealService, testDialects } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPortUrl } from './downstream-stub.js';
import { type AdminHarness, auth, startAdmin } from './harness.js';
import { multipartBody } from './multipart.js';

/** Windows-1252 lines (smart quotes 0x93 0x94, "é" 0xE9, "'" 0x92, CRLF) then a UTF-8 one, as some data files mix them. */
const WINDOWS_1252_FILE = readFileSync(new URL('./fixtures/travel.txt', import.meta.url));

/** A JSON list of no questions, `size` bytes long: as large as a file gets, and nothing to store. */
function emptyJsonList(size: number): Buffer {
  const bytes = Buffer.alloc(size, ' ');
  bytes.write('[', 0);
  bytes.write(']', size - 1);
  return bytes;
}

type Stored = Pick<AdminQuestion, 'text' | 'answer' | 'hint'>;

const byText = (a: Stored, b: Stored) => a.text.localeCompare(b.text);
const stored = ({ text, answer, hint }: Stored): Stored => ({ text, answer, hint });

describe.each(testDialects())('admin-service over the real question-service on %s', (dialect) => {
  let questionService: RunningService;
  let admin: AdminHarness;
  let token: string;
  let scratch: string;

  const send = (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: string | Buffer | object,
    headers: Record<string, string> = {},
  ) =>
    admin.app.inject({
      method,
      url,
      headers: { authorization: token, ...headers },
      ...(payload === undefined ? {} : { payload }),
    });

  const listed = async (query: string): Promise<AdminQuestion[]> => {
    const response = await send('GET', `/api/v1/admin/questions?${query}&limit=100`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items;
  };

  /** What the seed command would store from the same bytes, read from a file of the same name. */
  const seeded = async (name: string, bytes: Buffer): Promise<Stored[]> => {
    const path = join(scratch, name);
    await writeFile(path, bytes);
    return (await parseFile({ path, name })).result.questions.map(stored).sort(byText);
  };

  beforeAll(async () => {
    questionService = await startRealService('question', { loadConfig, start: composeService }, dialect);
    admin = await startAdmin(questionService.url, await closedPortUrl());
    token = await auth.bearer('curator', ['admin']);
    scratch = await mkdtemp(join(tmpdir(), 'kf-admin-upload-'));
  });

  afterAll(async () => {
    await admin.close();
    await questionService.stop();
    await rm(scratch, { recursive: true, force: true });
  });

  it('stores a Windows-1252 file uploaded as a form exactly as the seed command would', async () => {
    const form = await multipartBody({ file: { name: 'travel-form.txt', bytes: WINDOWS_1252_FILE } });
    const response = await send('POST', '/api/v1/admin/questions/import', form.body, form.headers);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ read: 3, imported: 3, rejected: 0, warnings: [] });

    const questions = await listed('theme=travel-form');
    expect(questions.map(stored).sort(byText)).toEqual(await seeded('travel-form.txt', WINDOWS_1252_FILE));
    expect(questions.map((question) => question.text)).toEqual(
      expect.arrayContaining([
        'Which \u201COrient Express\u201D route ended in Istanbul?',
        'Which Paris café was Hemingway\u2019s haunt?',
        'Which river runs through Zürich?',
      ]),
    );
    expect(JSON.stringify(questions)).not.toContain('\uFFFD');
  });

  it.each([['application/octet-stream'], ['text/plain'], ['text/plain; charset=utf-8']])(
    'stores a Windows-1252 file sent raw as %s exactly as the seed command would',
    async (contentType) => {
      const theme = `travel-raw-${contentType.replace(/[^a-z]+/g, '-')}`.replace(/-+$/, '');
      const response = await send(
        'POST',
        `/api/v1/admin/questions/import?fileName=${theme}.txt`,
        WINDOWS_1252_FILE,
        { 'content-type': contentType },
      );
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ imported: 3, warnings: [] });
      const questions = await listed(`theme=${theme}`);
      expect(questions.map(stored).sort(byText)).toEqual(await seeded(`${theme}.txt`, WINDOWS_1252_FILE));
      expect(JSON.stringify(questions)).not.toContain('\uFFFD');
    },
  );

  it('replaces a theme when the form asks for it, and reads the format it names', async () => {
    const list = (answers: string[]) =>
      Buffer.from(
        JSON.stringify(answers.map((answer) => ({ theme: 'replaced', text: `Which is ${answer}?`, answer }))),
      );
    const first = await multipartBody({
      file: { name: 'replaced.txt', bytes: list(['A1', 'B2']) },
      format: 'json',
    });
    expect(
      (await send('POST', '/api/v1/admin/questions/import', first.body, first.headers)).json(),
    ).toMatchObject({
      imported: 2,
    });
    const second = await multipartBody({
      file: { name: 'replaced.txt', bytes: list(['B2']) },
      format: 'json',
      mode: 'replace',
    });
    const replaced = await send('POST', '/api/v1/admin/questions/import', second.body, second.headers);
    expect(replaced.json()).toMatchObject({ imported: 0, duplicates: 1, deactivated: 1 });
    expect(await listed('theme=replaced&active=true')).toHaveLength(1);
  });

  it('lets through a file of exactly the limit, which question-service takes whole', async () => {
    const largest = emptyJsonList(IMPORT_FILE_LIMIT_BYTES);
    const raw = await send('POST', '/api/v1/admin/questions/import?fileName=largest.json', largest, {
      'content-type': 'application/octet-stream',
    });
    expect(raw.statusCode, raw.body).toBe(200);
    const form = await multipartBody({ file: { name: 'largest.json', bytes: largest } });
    const multipart = await send('POST', '/api/v1/admin/questions/import', form.body, form.headers);
    expect(multipart.statusCode, multipart.body).toBe(200);
  });

  it('creates and edits alternatives and kind, and filters by kind and review reason', async () => {
    const created = await send('POST', '/api/v1/admin/questions', {
      theme: 'peaks',
      text: 'What is the highest mountain?',
      answer: 'Mount Everest',
      alternatives: ['Everest'],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      alternatives: ['Everest'],
      kind: 'free_text',
      reviewReason: null,
    });
    const trueFalse = await send('POST', '/api/v1/admin/questions', {
      theme: 'peaks',
      text: 'K2 is higher than Everest.',
      answer: 'False',
    });
    expect(trueFalse.json().kind).toBe('true_false');

    const refused = await send('PATCH', `/api/v1/admin/questions/${created.json().id}`, {
      alternatives: ['everest', 'Everest '],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('INVALID_ALTERNATIVES');

    expect((await listed('theme=peaks&kind=true_false')).map((question) => question.answer)).toEqual([
      'False',
    ]);

    const needsOptions = Buffer.from(
      '#Q Which of these are trees?\n^ All of these\nA Oak\nB Elm\nC All of these\n',
    );
    const imported = await send('POST', '/api/v1/admin/questions/import?fileName=trees.txt', needsOptions, {
      'content-type': 'text/plain',
    });
    expect(imported.json().byKind).toMatchObject({ needs_options: 1 });
    const waiting = await listed('reviewReason=needs_options');
    expect(waiting).toMatchObject([{ theme: 'trees', isActive: false, reviewReason: 'needs_options' }]);
    const activated = await send('PATCH', `/api/v1/admin/questions/${waiting[0]?.id}`, { isActive: true });
    expect(activated.json()).toMatchObject({ isActive: true, reviewReason: null });
    expect(await listed('reviewReason=needs_options')).toEqual([]);
  });

  it(`refuses a theme of ${LIMITS.theme + 1} characters at admin-service exactly as question-service does`, async () => {
    const question = { theme: 'a'.repeat(LIMITS.theme + 1), text: 'Too long a theme?', answer: 'Yes' };
    const atAdmin = await send('POST', '/api/v1/admin/questions', question);
    const atOwner = await fetch(`${questionService.url}/internal/questions`, {
      method: 'POST',
      headers: { authorization: token, 'content-type': 'application/json' },
      body: JSON.stringify(question),
    });
    expect(atAdmin.statusCode).toBe(400);
    expect(atOwner.status).toBe(400);
    expect(atAdmin.json().code).toBe('VALIDATION_FAILED');
    expect(await atOwner.json()).toMatchObject({ code: 'VALIDATION_FAILED', detail: atAdmin.json().detail });
  });
});
