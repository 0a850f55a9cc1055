import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { testDialects } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AdminQuestion, IMPORT_FILE_LIMIT_BYTES } from '../src/contract/index.js';
import { parseFile } from '../src/import/import-files.js';
import { auth, type QuestionServiceHarness, startQuestionApp } from './app-harness.js';

/** Windows-1252 lines ("é" as 0xE9, smart quotes as 0x93 0x94, CRLF) then UTF-8 ones, as some data files mix them. */
const WINDOWS_1252_PATH = fileURLToPath(new URL('./fixtures/cafe-culture.txt', import.meta.url));
const WINDOWS_1252_FILE = readFileSync(WINDOWS_1252_PATH);

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
type Stored = Pick<AdminQuestion, 'text' | 'answer' | 'hint'>;
const stored = ({ text, answer, hint }: Stored): Stored => ({ text, answer, hint });
const byText = (a: Stored, b: Stored) => a.text.localeCompare(b.text);

describe.each(testDialects())('question file uploads on %s', (dialect) => {
  let service: QuestionServiceHarness;
  let admin: string;

  const upload = (body: object) =>
    service.app.inject({
      method: 'POST',
      url: '/internal/questions/import/upload',
      headers: { authorization: admin },
      payload: body,
    });
  const listed = async (theme: string): Promise<AdminQuestion[]> => {
    const response = await service.app.inject({
      method: 'GET',
      url: `/internal/questions?theme=${theme}&limit=100`,
      headers: { authorization: admin },
    });
    return response.json().items;
  };

  beforeAll(async () => {
    service = await startQuestionApp(dialect);
    admin = await auth.bearer('admin-1', ['admin']);
  });

  afterAll(() => service.close());

  it('stores an uploaded Windows-1252 file exactly as the seed command reads it from disk', async () => {
    expect([...WINDOWS_1252_FILE]).toEqual(expect.arrayContaining([0xe9, 0x93, 0x94]));
    const response = await upload({ fileName: 'cafe-culture.txt', contentBase64: base64(WINDOWS_1252_FILE) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ read: 2, imported: 2, rejected: 0, warnings: [] });

    const seeded = await parseFile({ path: WINDOWS_1252_PATH, name: 'cafe-culture.txt' });
    const questions = await listed('cafe-culture');
    expect(questions.map(stored).sort(byText)).toEqual(seeded.result.questions.map(stored).sort(byText));
    expect(questions.map((question) => question.text)).toContain(
      'Which café drink is \u201Cespresso with milk\u201D?',
    );
    expect(questions.map((question) => question.answer)).toContain('Café');
    expect(JSON.stringify(questions)).not.toContain('\uFFFD');
  });

  it('reads the format the upload names, whatever the file is called', async () => {
    const json = JSON.stringify([{ theme: 'named-format', text: 'Two plus two?', answer: '4' }]);
    const response = await upload({
      fileName: 'list.txt',
      format: 'json',
      contentBase64: base64(Buffer.from(json)),
    });
    expect(response.json()).toMatchObject({ read: 1, imported: 1 });
    expect(await listed('named-format')).toHaveLength(1);
  });

  it('replaces a theme on request, by upload and by text alike', async () => {
    const file = (answers: string[]) =>
      answers.map((answer) => `#Q Which one is ${answer}?\n^ ${answer}\n`).join('\n');
    const first = await upload({
      fileName: 'replaced.txt',
      contentBase64: base64(Buffer.from(file(['A1', 'B2']))),
    });
    expect(first.json()).toMatchObject({ imported: 2, deactivated: 0 });
    const replaced = await upload({
      fileName: 'replaced.txt',
      mode: 'replace',
      contentBase64: base64(Buffer.from(file(['B2']))),
    });
    expect(replaced.json()).toMatchObject({ imported: 0, duplicates: 1, deactivated: 1 });
    const restored = await service.app.inject({
      method: 'POST',
      url: '/internal/questions/import',
      headers: { authorization: admin },
      payload: {
        format: 'opentriviaqa',
        fileName: 'replaced.txt',
        content: file(['A1', 'B2']),
        mode: 'replace',
      },
    });
    expect(restored.json()).toMatchObject({ imported: 0, reactivated: 1, deactivated: 0 });
    expect((await listed('replaced')).every((question) => question.isActive)).toBe(true);
  });

  it('takes a file as large as admin-service lets through, base64 and all', async () => {
    const largest = Buffer.alloc(IMPORT_FILE_LIMIT_BYTES, ' ');
    largest.write('[', 0);
    largest.write(']', IMPORT_FILE_LIMIT_BYTES - 1);
    const response = await upload({ fileName: 'largest.json', contentBase64: base64(largest) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ read: 0, imported: 0 });
  });

  it('refuses a file one byte larger with 413', async () => {
    const response = await upload({
      fileName: 'too-large.json',
      contentBase64: base64(Buffer.alloc(IMPORT_FILE_LIMIT_BYTES + 1, ' ')),
    });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it.each([
    ['characters outside base64', '#Q not base64'],
    ['missing padding', 'QUJDRA'],
    ['padding in the middle', 'QQ==QQ=='],
  ])('refuses content with %s', async (_case, contentBase64) => {
    const response = await upload({ fileName: 'bad.txt', contentBase64 });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('INVALID_IMPORT');
  });

  it.each([
    ['a NUL byte', Buffer.from('#Q What is\u0000this?\n^ A\n')],
    ['UTF-16 text', Buffer.from('\uFEFF#Q What?\n^ A\n', 'utf16le')],
  ])('refuses a file holding %s, which PostgreSQL could not store', async (_case, bytes) => {
    const response = await upload({ fileName: 'nul.txt', contentBase64: base64(bytes) });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('INVALID_IMPORT');
  });

  it('refuses a file whose name gives no theme', async () => {
    const response = await upload({
      fileName: '!!!.txt',
      contentBase64: base64(Buffer.from('#Q A?\n^ B\n')),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('INVALID_IMPORT');
  });
});
