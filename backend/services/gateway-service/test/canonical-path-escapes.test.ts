import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCanonicalPath } from '../src/edge/canonical-path.js';
import { type Gateway, gatewayDeps, listeningGateway } from './harness.js';
import { rawRequest } from './raw-http.js';
import { startUpstreamStubs, type UpstreamStubs } from './upstream-stubs.js';

describe('escapes in a canonical path', () => {
  it.each([
    ['an escape cut short at the end', '/api/v1/themes%2'],
    ['an escape cut short before a slash', '/api/v1/a%2/themes'],
    ['an escaped DEL', '/api/v1/themes%7F'],
    ['an escaped DEL in lower case', '/api/v1/themes%7f'],
  ])('refuses %s', (_case, path) => {
    expect(isCanonicalPath(path)).toBe(false);
  });
});

describe('the refusal of a path that is not canonical', () => {
  let stubs: UpstreamStubs;
  let gateway: Gateway;
  let port: number;

  beforeAll(async () => {
    stubs = await startUpstreamStubs();
    ({ gateway, port } = await listeningGateway(gatewayDeps(stubs)));
  });

  afterAll(async () => {
    await gateway.close();
    await stubs.close();
  });

  it('says how to write the path', async () => {
    const response = await rawRequest(port, 'GET /api/v1/./themes HTTP/1.1\r\nhost: gateway\r\n\r\n');
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({
      code: 'NON_CANONICAL_PATH',
      detail:
        'the path is not in canonical form: write it without dot or empty segments, backslashes, ' +
        'or percent-encoded letters, digits, "-", ".", "_", "~" or "/"',
    });
  });
});
