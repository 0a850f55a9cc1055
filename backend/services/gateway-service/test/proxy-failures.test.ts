import { createServer, type Socket } from 'node:net';
import Fastify from 'fastify';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { auth, gatewayDeps } from './harness.js';
import { startUpstreamStubs, type UpstreamStubs, urlOf } from './upstream-stubs.js';

/** A game-service that accepts connections and drops each one before answering. */
async function resettingUpstream() {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('data', () => socket.resetAndDestroy());
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    url: urlOf(server),
    connections: () => sockets.size,
    close: () => new Promise((closed) => server.close(closed)),
  };
}

describe('the proxy when a service fails', () => {
  let stubs: UpstreamStubs;
  let player: string;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    player = await auth.bearer('alice', ['player']);
  });

  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  async function gatewayTo(gameUrl: string) {
    stubs = await startUpstreamStubs();
    const gateway = buildApp(gatewayDeps(stubs, { upstreams: { ...stubs.urls, game: gameUrl } }));
    cleanups.push(
      () => gateway.close(),
      () => stubs.close(),
    );
    return (method: 'GET' | 'POST' | 'DELETE') =>
      gateway.inject({
        method,
        url: '/api/v1/games/g1',
        headers: { authorization: player },
        ...(method === 'POST' ? { payload: { answer: 'x' } } : {}),
      });
  }

  it("passes a service's 503 and its Retry-After through, asking it once", async () => {
    let hits = 0;
    const unavailable = Fastify();
    unavailable.all('/*', async (_request, reply) => {
      hits += 1;
      return reply
        .status(503)
        .header('retry-after', '5')
        .send({ code: 'UPSTREAM_UNAVAILABLE', from: 'game' });
    });
    await unavailable.listen({ port: 0, host: '127.0.0.1' });
    cleanups.push(() => unavailable.close());
    const call = await gatewayTo(urlOf(unavailable.server));

    const response = await call('GET');
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toEqual({ code: 'UPSTREAM_UNAVAILABLE', from: 'game' });
    expect(hits).toBe(1);
  });

  it.each([
    ['GET', 2],
    ['DELETE', 2],
    ['POST', 1],
  ] as const)(
    'retries a %s once at most when the connection fails before any answer (%i tries)',
    async (method, tries) => {
      const upstream = await resettingUpstream();
      cleanups.push(upstream.close);
      const call = await gatewayTo(upstream.url);

      const response = await call(method);
      expect(response.statusCode).toBe(503);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.headers['retry-after']).toBe('5');
      expect(response.json().code).toBe('UPSTREAM_UNAVAILABLE');
      expect(upstream.connections()).toBe(tries);
    },
  );

  it('answers every call to a service that died the same way: 503 with Retry-After', async () => {
    const game = Fastify();
    game.all('/*', async () => ({ ok: true }));
    await game.listen({ port: 0, host: '127.0.0.1' });
    const call = await gatewayTo(urlOf(game.server));
    expect((await call('GET')).statusCode).toBe(200);
    expect((await call('POST')).statusCode).toBe(200);

    game.server.closeAllConnections();
    await game.close();
    const answers = [];
    for (const method of ['POST', 'GET', 'POST', 'GET'] as const) answers.push(await call(method));
    for (const answer of answers) {
      expect(answer.statusCode).toBe(503);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      expect(answer.headers['retry-after']).toBe('5');
      expect(answer.json().code).toBe('UPSTREAM_UNAVAILABLE');
    }
  });
});
