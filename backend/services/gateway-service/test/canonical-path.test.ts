import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isCanonicalPath } from '../src/edge/canonical-path.js';
import { auth, DEFAULT_RATE_LIMIT, type Gateway, gatewayDeps, listeningGateway } from './harness.js';
import { rawRequest } from './raw-http.js';
import { startUpstreamStubs, type UpstreamStubs } from './upstream-stubs.js';

/** Spellings of POST /api/v1/games/g1/answers that a router, the proxy or a service would run as it. */
const ANSWER_SPELLINGS = [
  '/api/v1/games/g1/%61nswers',
  '/api/v1/games/g1/%61%6E%73%77%65%72%73',
  '/api/v1/games/g1/answer%73',
  '/api/v1/games/g%31/answers',
  '/api/v1/gam%65s/g1/answers',
  '/api/v1/games/g1/./answers',
  '/api/v1/games/g1/%2e/answers',
  '/api/v1/games/g1/x/../answers',
  '/api/v1/games/g1/x/%2E%2E/answers',
  '/api/v1/games/./g1/answers',
  '/api/v1/games/g1\\answers',
  '/api/v1/games/g1%5Canswers',
  '/api/v1/games/g1%2Fanswers',
  '/api/v1/games/g1//answers',
  '//api/v1/games/g1/answers',
  '/api/v1/games/g1/answers/.',
  '/api/v1/games/g1/answers#x',
  '/api/v1/games/g1/answers%00',
  '/api/v1/games/g1/answers%09',
];

describe('isCanonicalPath', () => {
  it.each([
    '/',
    '/api/v1/games/g1/answers',
    '/api/v1/games/g1/answers/',
    '/docs/',
    '/api/v1/admin/questions/%C3%A9t%C3%A9',
    '/a/%20b',
    '/a/b;c=d',
    "/a/!$&'()*+,=:@",
    '/a/%25',
    '/a/%2A',
  ])('accepts %s', (path) => {
    expect(isCanonicalPath(path)).toBe(true);
  });

  it.each([...ANSWER_SPELLINGS, '', '*', 'http://x/api/v1/themes', '/a/%zz', '/a/é', '/a/..', '/a/%7E'])(
    'refuses %s',
    (path) => {
      expect(isCanonicalPath(path)).toBe(false);
    },
  );
});

describe('the gateway with non-canonical paths', () => {
  let stubs: UpstreamStubs;
  let gateway: Gateway;
  let port: number;
  let player: string;

  beforeAll(async () => {
    stubs = await startUpstreamStubs();
    ({ gateway, port } = await listeningGateway(
      gatewayDeps(stubs, { rateLimit: { ...DEFAULT_RATE_LIMIT, answersMax: 2 } }),
    ));
    player = await auth.bearer('carol', ['player']);
  });

  afterAll(async () => {
    await gateway.close();
    await stubs.close();
  });

  beforeEach(() => {
    stubs.seen.length = 0;
  });

  const post = (path: string) =>
    rawRequest(
      port,
      [
        `POST ${path} HTTP/1.1`,
        'host: gateway',
        `authorization: ${player}`,
        'content-type: application/json',
        'content-length: 2',
        '',
        '{}',
      ].join('\r\n'),
    );

  it.each(ANSWER_SPELLINGS)(
    'refuses POST %s with 400 problem+json, and nothing reaches the service',
    async (path) => {
      const response = await post(path);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(JSON.parse(response.body).code).toBe('NON_CANONICAL_PATH');
      expect(stubs.seen).toHaveLength(0);
    },
  );

  it('counts a trailing slash against the answers limit', async () => {
    expect((await post('/api/v1/games/g2/answers')).status).toBe(200);
    expect((await post('/api/v1/games/g2/answers/')).status).toBe(200);
    expect((await post('/api/v1/games/g2/answers/')).status).toBe(429);
    expect((await post('/api/v1/games/g2/answers')).status).toBe(429);
    expect(stubs.seen.map((seen) => seen.url)).toEqual([
      '/api/v1/games/g2/answers',
      '/api/v1/games/g2/answers/',
    ]);
  });
});
