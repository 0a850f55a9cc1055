import { connect } from 'node:net';
import { publicAccess } from '@know-foolery/shared/auth';
import { createServiceApp } from '@know-foolery/shared/http-server';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, type Gateway, gatewayDeps, listeningGateway } from './harness.js';
import { type RawResponse, rawRequest } from './raw-http.js';
import { startUpstreamStubs, type UpstreamStubs, urlOf } from './upstream-stubs.js';

const expectProblem = (response: RawResponse, status: number, code: string) => {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(JSON.parse(response.body)).toMatchObject({ status, code });
};

describe('requests the gateway refuses before any route runs', () => {
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

  const get = (path: string, extraHeader = '') =>
    rawRequest(port, `GET ${path} HTTP/1.1\r\nhost: gateway\r\n${extraHeader}\r\n`);

  it('431 HEADERS_TOO_LARGE for headers larger than Node accepts', async () => {
    expectProblem(
      await get('/api/v1/themes', `x-padding: ${'a'.repeat(20_000)}\r\n`),
      431,
      'HEADERS_TOO_LARGE',
    );
  });

  it('400 MALFORMED_URL for a path that is not valid percent-encoding', async () => {
    expectProblem(await get('/api/v1/themes/%E0%A4%A'), 400, 'MALFORMED_URL');
  });
});

describe('refusals that come from the service', () => {
  it("passes the service's 414 URI_TOO_LONG for a path segment longer than its router takes", async () => {
    const stubs = await startUpstreamStubs();
    const game = createServiceApp({ service: 'game-service', version: 'test', auth: auth.provider });
    game.get('/api/v1/games/:id', { config: { auth: publicAccess } }, async () => ({ found: true }));
    await game.listen({ port: 0, host: '127.0.0.1' });
    const { gateway, port } = await listeningGateway(
      gatewayDeps(stubs, { upstreams: { ...stubs.urls, game: urlOf(game.server) } }),
    );
    try {
      const player = await auth.bearer('alice', ['player']);
      const response = await rawRequest(
        port,
        `GET /api/v1/games/${'a'.repeat(500)} HTTP/1.1\r\nhost: gateway\r\nauthorization: ${player}\r\n\r\n`,
      );
      expectProblem(response, 414, 'URI_TOO_LONG');
    } finally {
      await gateway.close();
      await game.close();
      await stubs.close();
    }
  });
});

describe('a gateway that is shutting down', () => {
  it('answers a request arriving on an open connection with 503 SHUTTING_DOWN and Retry-After', async () => {
    let release: () => void = () => undefined;
    let entered: () => void = () => undefined;
    const slowEntered = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const stubs = await startUpstreamStubs();
    const slow = Fastify();
    slow.get('/*', async () => {
      entered();
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return { finished: true };
    });
    await slow.listen({ port: 0, host: '127.0.0.1' });
    const { gateway, port } = await listeningGateway(
      gatewayDeps(stubs, { upstreams: { ...stubs.urls, game: urlOf(slow.server) } }),
    );
    const player = await auth.bearer('alice', ['player']);
    const request = (path: string) =>
      `GET ${path} HTTP/1.1\r\nhost: gateway\r\nauthorization: ${player}\r\n\r\n`;
    try {
      const received = await new Promise<string>((resolve, reject) => {
        let text = '';
        const socket = connect(port, '127.0.0.1', async () => {
          socket.write(request('/api/v1/games/g1'));
          await slowEntered;
          const closed = gateway.close();
          socket.write(request('/api/v1/themes'));
          setTimeout(release, 100);
          await closed;
        });
        socket.on('data', (data) => {
          text += data.toString();
        });
        socket.on('error', reject);
        socket.on('close', () => resolve(text));
      });
      const statuses = [...received.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((match) => match[1]);
      expect(statuses).toEqual(['200', '503']);
      const shutdown = received.slice(received.lastIndexOf('HTTP/1.1 '));
      expect(shutdown).toMatch(/content-type: application\/problem\+json/);
      expect(shutdown).toMatch(/retry-after: 1/);
      expect(shutdown).toContain('"code":"SHUTTING_DOWN"');
    } finally {
      release();
      await slow.close();
      await stubs.close();
    }
  });
});
