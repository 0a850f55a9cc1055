import { IMPORT_FILE_LIMIT_BYTES, IMPORT_UPLOAD_LIMIT_BYTES } from '@know-foolery/question-service/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyLimitFor } from '../src/edge/body-limit.js';
import { auth, type Gateway, gatewayDeps, listeningGateway, TEST_BODY_LIMIT_BYTES } from './harness.js';
import { chunk, rawRequest } from './raw-http.js';
import { startUpstreamStubs, type UpstreamStubs } from './upstream-stubs.js';

const ROUTE = '/api/v1/admin/questions';

describe('a body of exactly the limit at the gateway', () => {
  let stubs: UpstreamStubs;
  let gateway: Gateway;
  let port: number;
  let admin: string;

  beforeAll(async () => {
    stubs = await startUpstreamStubs();
    ({ gateway, port } = await listeningGateway(gatewayDeps(stubs)));
    admin = await auth.bearer('root', ['admin']);
  });

  afterAll(async () => {
    await gateway.close();
    await stubs.close();
  });

  const chunked = (bytes: number) =>
    rawRequest(
      port,
      [
        `POST ${ROUTE} HTTP/1.1`,
        'host: gateway',
        `authorization: ${admin}`,
        'content-type: application/octet-stream',
        'transfer-encoding: chunked',
        '',
        '',
      ].join('\r\n'),
      [chunk(Buffer.alloc(bytes, 'x')), Buffer.from('0\r\n\r\n')],
    );

  const declared = (bytes: number) =>
    gateway.inject({
      method: 'POST',
      url: ROUTE,
      headers: { authorization: admin, 'content-type': 'application/octet-stream' },
      payload: Buffer.alloc(bytes, 'x'),
    });

  it('passes a chunked body of exactly the limit through, and refuses one byte more', async () => {
    expect((await chunked(TEST_BODY_LIMIT_BYTES)).status).toBe(200);
    const refused = await chunked(TEST_BODY_LIMIT_BYTES + 1);
    expect(refused.status).toBe(413);
    expect(JSON.parse(refused.body).detail).toBe(
      `the request body is larger than ${TEST_BODY_LIMIT_BYTES} bytes`,
    );
  });

  it('passes a declared length of exactly the limit through, and refuses one byte more', async () => {
    expect((await declared(TEST_BODY_LIMIT_BYTES)).statusCode).toBe(200);
    const refused = await declared(TEST_BODY_LIMIT_BYTES + 1);
    expect(refused.statusCode).toBe(413);
    expect(refused.json().detail).toBe(`the request body is larger than ${TEST_BODY_LIMIT_BYTES} bytes`);
  });

  it("gives the import route question-service's file limit and 4 KiB for the envelope around it", () => {
    expect(bodyLimitFor('/api/v1/admin/questions/import', TEST_BODY_LIMIT_BYTES)).toBe(
      IMPORT_FILE_LIMIT_BYTES + 4096,
    );
    expect(IMPORT_UPLOAD_LIMIT_BYTES).toBe(IMPORT_FILE_LIMIT_BYTES + 4096);
    expect(bodyLimitFor('/api/v1/admin/questions', TEST_BODY_LIMIT_BYTES)).toBe(TEST_BODY_LIMIT_BYTES);
  });
});
