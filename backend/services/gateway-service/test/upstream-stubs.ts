import type { Server } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import type { UpstreamUrls } from '../src/config.js';

export interface SeenRequest {
  readonly upstream: string;
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
}

export interface UpstreamStubs {
  readonly urls: UpstreamUrls;
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

/** The base URL of a server listening on a local port. */
export function urlOf(server: Server): string {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on a port');
  return `http://127.0.0.1:${address.port}`;
}

const NAMES = ['game', 'question', 'user', 'leaderboard', 'session', 'admin'] as const;

/** Six stand-ins for the services: each records what reaches it and says who it is. */
export async function startUpstreamStubs(): Promise<UpstreamStubs> {
  const seen: SeenRequest[] = [];
  const servers: FastifyInstance[] = [];
  const addresses = new Map<string, string>();
  for (const name of NAMES) {
    const server = Fastify();
    server.removeAllContentTypeParsers();
    server.addContentTypeParser('*', (_request, payload, done) => {
      payload.resume();
      payload.on('end', () => done(null));
    });
    server.all('/*', async (request) => {
      seen.push({ upstream: name, method: request.method, url: request.url, headers: request.headers });
      return { upstream: name, url: request.url };
    });
    server.get('/health/ready', async () => ({ status: 'ready' }));
    server.get('/openapi.json', async () => ({
      openapi: '3.1.0',
      paths: { [`/api/v1/${name}-things`]: { get: { summary: name } }, '/internal/secret': { get: {} } },
    }));
    await server.listen({ port: 0, host: '127.0.0.1' });
    addresses.set(name, urlOf(server.server));
    servers.push(server);
  }
  const url = (name: (typeof NAMES)[number]) => addresses.get(name) ?? '';
  const urls: UpstreamUrls = {
    game: url('game'),
    question: url('question'),
    user: url('user'),
    leaderboard: url('leaderboard'),
    session: url('session'),
    admin: url('admin'),
  };
  return {
    urls,
    seen,
    close: async () => {
      await Promise.all(servers.map((server) => server.close()));
    },
  };
}
