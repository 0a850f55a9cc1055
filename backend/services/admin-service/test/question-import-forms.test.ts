import { IMPORT_FILE_LIMIT_BYTES } from '@know-foolery/question-service/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DownstreamStub, startDownstreamStub } from './downstream-stub.js';
import {
  type AdminHarness,
  auth,
  gameService,
  IMPORT_REPORT,
  questionService,
  startAdmin,
} from './harness.js';
import { multipartBody } from './multipart.js';

const IMPORT = '/api/v1/admin/questions/import';
/** Bytes that are not UTF-8 (0x93 0x94: Windows-1252 smart quotes), which must arrive unchanged. */
const FILE = Buffer.from([0x23, 0x51, 0x20, 0x93, 0x41, 0x94, 0x3f, 0x0a, 0x5e, 0x20, 0x42, 0x0a]);

describe('admin-service question file import forms', () => {
  let questions: DownstreamStub;
  let games: DownstreamStub;
  let admin: AdminHarness;
  let token: string;

  const send = (url: string, payload: string | Buffer | object, headers: Record<string, string> = {}) =>
    admin.app.inject({ method: 'POST', url, headers: { authorization: token, ...headers }, payload });

  /** What question-service was asked to import, with the file's bytes decoded back from base64. */
  const forwarded = () => {
    const call = questions.calls.at(-1);
    const body = call?.body;
    if (typeof body !== 'object' || body === null || !('contentBase64' in body)) {
      throw new Error('question-service was sent no file');
    }
    const { contentBase64, ...rest } = body;
    return { url: call?.url, ...rest, bytes: Buffer.from(String(contentBase64), 'base64') };
  };

  const expectRefusedBeforeForwarding = async (
    response: Awaited<ReturnType<typeof send>>,
    status: number,
    code: string,
    callsBefore: number,
  ) => {
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().code).toBe(code);
    expect(questions.calls).toHaveLength(callsBefore);
  };

  beforeAll(async () => {
    questions = await startDownstreamStub(questionService);
    games = await startDownstreamStub(gameService);
    admin = await startAdmin(questions.url, games.url);
    token = await auth.bearer('curator', ['admin']);
  });

  afterAll(async () => {
    await admin.close();
    await Promise.all([questions.close(), games.close()]);
  });

  it('forwards a form upload as its bytes, named by the file, with its format and mode', async () => {
    const form = await multipartBody({
      mode: 'replace',
      file: { name: 'history.txt', bytes: FILE },
      format: 'opentriviaqa',
    });
    const response = await send(IMPORT, form.body, form.headers);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual(IMPORT_REPORT);
    expect(forwarded()).toEqual({
      url: '/internal/questions/import/upload',
      fileName: 'history.txt',
      format: 'opentriviaqa',
      mode: 'replace',
      bytes: FILE,
    });
  });

  it.each([['application/octet-stream'], ['text/plain']])(
    'forwards a raw %s upload as its bytes, named by the query string',
    async (contentType) => {
      const response = await send(`${IMPORT}?fileName=history.txt&mode=add`, FILE, {
        'content-type': contentType,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(forwarded()).toEqual({
        url: '/internal/questions/import/upload',
        fileName: 'history.txt',
        mode: 'add',
        bytes: FILE,
      });
    },
  );

  it('forwards a text import with its mode', async () => {
    const document = { format: 'json', fileName: 'a.json', content: '[]', mode: 'replace' };
    const response = await send(IMPORT, document);
    expect(response.statusCode, response.body).toBe(200);
    expect(questions.calls.at(-1)).toMatchObject({ url: '/internal/questions/import', body: document });
  });

  it.each([
    [
      'a form',
      () => multipartBody({ file: { name: 'big.txt', bytes: Buffer.alloc(IMPORT_FILE_LIMIT_BYTES + 1) } }),
      IMPORT,
    ],
    [
      'a raw upload',
      async () => ({
        body: Buffer.alloc(IMPORT_FILE_LIMIT_BYTES + 1),
        headers: { 'content-type': 'application/octet-stream' },
      }),
      `${IMPORT}?fileName=big.txt`,
    ],
  ])(
    'refuses %s of a file one byte over the limit with 413, before calling question-service',
    async (_case, make, url) => {
      const before = questions.calls.length;
      const { body, headers } = await make();
      await expectRefusedBeforeForwarding(await send(url, body, headers), 413, 'PAYLOAD_TOO_LARGE', before);
    },
  );

  it.each([
    ['a form without a file', { format: 'json' }],
    ['a file in another field', { file: { name: 'a.txt', bytes: FILE, field: 'upload' } }],
    ['a field nobody reads', { file: { name: 'a.txt', bytes: FILE }, theme: 'history' }],
    ['an unknown mode', { file: { name: 'a.txt', bytes: FILE }, mode: 'merge' }],
    ['an unknown format', { file: { name: 'a.csv', bytes: FILE }, format: 'csv' }],
    ['an empty file', { file: { name: 'a.txt', bytes: Buffer.alloc(0) } }],
  ])('refuses %s with 400 INVALID_UPLOAD before calling question-service', async (_case, fields) => {
    const before = questions.calls.length;
    const form = await multipartBody(fields);
    await expectRefusedBeforeForwarding(
      await send(IMPORT, form.body, form.headers),
      400,
      'INVALID_UPLOAD',
      before,
    );
  });

  it('refuses a form that also sets the mode in the query string', async () => {
    const before = questions.calls.length;
    const form = await multipartBody({ file: { name: 'a.txt', bytes: FILE } });
    const response = await send(`${IMPORT}?mode=replace`, form.body, form.headers);
    await expectRefusedBeforeForwarding(response, 400, 'INVALID_UPLOAD', before);
  });

  it('refuses a JSON import that also names a file in the query string', async () => {
    const before = questions.calls.length;
    const response = await send(`${IMPORT}?fileName=b.json`, {
      format: 'json',
      fileName: 'a.json',
      content: '[]',
    });
    await expectRefusedBeforeForwarding(response, 400, 'INVALID_UPLOAD', before);
  });

  it.each([
    ['no file name', IMPORT, FILE, 'INVALID_UPLOAD'],
    ['an empty body', `${IMPORT}?fileName=a.txt`, Buffer.alloc(0), 'INVALID_UPLOAD'],
    ['an unknown mode', `${IMPORT}?fileName=a.txt&mode=merge`, FILE, 'VALIDATION_FAILED'],
    ['an unknown query parameter', `${IMPORT}?fileName=a.txt&theme=x`, FILE, 'VALIDATION_FAILED'],
  ])(
    'refuses a raw upload with %s with 400 before calling question-service',
    async (_case, url, body, code) => {
      const before = questions.calls.length;
      const response = await send(url, body, { 'content-type': 'application/octet-stream' });
      await expectRefusedBeforeForwarding(response, 400, code, before);
    },
  );

  it('refuses a body of any other type with 415', async () => {
    const before = questions.calls.length;
    const response = await send(`${IMPORT}?fileName=a.xml`, '<questions/>', {
      'content-type': 'application/xml',
    });
    await expectRefusedBeforeForwarding(response, 415, 'UNSUPPORTED_MEDIA_TYPE', before);
  });
});
