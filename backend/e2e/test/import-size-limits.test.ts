import { Readable } from 'node:stream';
import { IMPORT_FILE_LIMIT_BYTES, IMPORT_UPLOAD_LIMIT_BYTES } from '@know-foolery/question-service/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServices, startServices } from '../src/platform.js';

const FILE_TOO_LARGE = `a question file has at most ${IMPORT_FILE_LIMIT_BYTES} bytes`;
const BODY_TOO_LARGE = `the request body is larger than ${IMPORT_UPLOAD_LIMIT_BYTES} bytes`;

/**
 * The size limits of the import, through the gateway to admin-service and question-service: one
 * body limit for the route at both doors, the file's own limit within it, and a 413 for every size
 * over them, never a 503 from a body one door takes and the other cuts off mid-upload.
 */
describe('the import route and files around its size limits', () => {
  let platform: RunningServices<'gateway' | 'admin' | 'question'>;
  let admin: string;

  beforeAll(async () => {
    platform = await startServices(['gateway', 'admin', 'question'], { dialect: 'sqlite' });
    admin = await platform.tokens.bearer('admin:sizes', ['admin']);
  });

  afterAll(() => platform?.stop());

  const upload = async (body: Uint8Array | Readable) => {
    const response = await fetch(
      `${platform.urls.gateway}/api/v1/admin/questions/import?fileName=sizes.json`,
      {
        method: 'POST',
        headers: { authorization: admin, 'content-type': 'application/octet-stream' },
        body: body instanceof Readable ? Readable.toWeb(body) : body,
        ...(body instanceof Readable ? { duplex: 'half' } : {}),
      },
    );
    const problem: unknown = await response.json();
    return { status: response.status, problem };
  };
  /** A JSON list padded with blanks to exactly `bytes`. */
  const file = (bytes: number) => Buffer.from(`[${' '.repeat(bytes - 2)}]`);

  it('imports a file of exactly the limit', async () => {
    expect(await upload(file(IMPORT_FILE_LIMIT_BYTES))).toMatchObject({ status: 200, problem: { read: 0 } });
  });

  it.each([
    ['one byte over the file limit', IMPORT_FILE_LIMIT_BYTES + 1, FILE_TOO_LARGE],
    ['at the route limit, the envelope room filled', IMPORT_UPLOAD_LIMIT_BYTES, FILE_TOO_LARGE],
    ['one byte over the route limit', IMPORT_UPLOAD_LIMIT_BYTES + 1, BODY_TOO_LARGE],
  ])('refuses a file %s with 413 saying which limit', async (_case, bytes, detail) => {
    expect(await upload(file(bytes))).toEqual({
      status: 413,
      problem: expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE', detail }),
    });
  });

  it('refuses a chunked body that grows past the route limit with 413 as it streams', async () => {
    const chunks = function* () {
      const chunk = Buffer.alloc(64 * 1024, 32);
      for (let sent = 0; sent <= IMPORT_UPLOAD_LIMIT_BYTES; sent += chunk.length) yield chunk;
    };
    expect(await upload(Readable.from(chunks()))).toEqual({
      status: 413,
      problem: expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE', detail: BODY_TOO_LARGE }),
    });
  });
});
