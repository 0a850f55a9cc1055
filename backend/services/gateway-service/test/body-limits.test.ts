import { IMPORT_FILE_LIMIT_BYTES } from '@know-foolery/question-service/contract';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auth, type Gateway, gatewayDeps, listeningGateway, TEST_BODY_LIMIT_BYTES } from './harness.js';
import { chunkedBody, rawRequest } from './raw-http.js';
import { startUpstreamStubs, type UpstreamStubs } from './upstream-stubs.js';

const IMPORT = '/api/v1/admin/questions/import';
const KIB = 1024;

describe('body limits at the gateway', () => {
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

  beforeEach(() => {
    stubs.seen.length = 0;
  });

  const chunkedPost = (path: string) =>
    [
      `POST ${path} HTTP/1.1`,
      'host: gateway',
      `authorization: ${admin}`,
      'content-type: application/octet-stream',
      'transfer-encoding: chunked',
      '',
      '',
    ].join('\r\n');

  it.each([
    ['an ordinary route', '/api/v1/admin/questions', TEST_BODY_LIMIT_BYTES],
    ['the import route', IMPORT, IMPORT_FILE_LIMIT_BYTES],
  ])(
    'answers a chunked body over the limit of %s with 413 problem+json, and closes the connection',
    async (_route, path, limit) => {
      // Far more than the limit: were the whole body in before the answer (a loaded machine), the
      // request would be complete and the connection could rightly stay open.
      const chunks = Math.ceil(limit / (64 * KIB)) + 64;
      const response = await rawRequest(port, chunkedPost(path), chunkedBody(chunks, 64 * KIB));
      expect(response.status).toBe(413);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(JSON.parse(response.body).code).toBe('PAYLOAD_TOO_LARGE');
      expect(response.closed).toBe(true);
      expect(stubs.seen).toHaveLength(0);
    },
  );

  it('streams a chunked import within the limit to admin-service', async () => {
    const response = await rawRequest(port, chunkedPost(IMPORT), chunkedBody(16, 64 * KIB));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ upstream: 'admin', url: IMPORT });
  });

  it("allows an import as large as admin-service's, and not much more", async () => {
    const post = (bytes: number) =>
      gateway.inject({
        method: 'POST',
        url: IMPORT,
        headers: { authorization: admin, 'content-type': 'application/octet-stream' },
        payload: Buffer.alloc(bytes, 'x'),
      });
    expect((await post(IMPORT_FILE_LIMIT_BYTES)).statusCode).toBe(200);
    const refused = await post(IMPORT_FILE_LIMIT_BYTES + 64 * KIB);
    expect(refused.statusCode).toBe(413);
    expect(refused.json().code).toBe('PAYLOAD_TOO_LARGE');
    expect(stubs.seen).toHaveLength(1);
  });
});
