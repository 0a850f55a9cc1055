import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';

export interface ReceivedCall {
  readonly method: string;
  /** Path and query string, as received. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

export interface Answer {
  readonly status: number;
  readonly body?: unknown;
}

export type Responder = (call: ReceivedCall) => Answer;

export interface DownstreamStub {
  readonly url: string;
  /** Every call received (health checks excluded), oldest first. */
  readonly calls: ReceivedCall[];
  /** Answer every following call with `answer` instead of the normal responder; null restores it. */
  override(answer: Answer | null): void;
  close(): Promise<void>;
}

/**
 * A real Fastify server on an ephemeral port standing in for a downstream service. Problem
 * answers (status >= 400) are sent as application/problem+json, as the real services send them.
 */
export async function startDownstreamStub(respond: Responder, ready: () => boolean = () => true) {
  const calls: ReceivedCall[] = [];
  let overridden: Answer | null = null;
  const app = Fastify({ bodyLimit: 16 * 1024 * 1024 });
  app.get('/health/ready', async (_request, reply) => reply.status(ready() ? 200 : 503).send({}));
  app.all('/*', async (request, reply) => {
    const call = { method: request.method, url: request.url, headers: request.headers, body: request.body };
    calls.push(call);
    const answer = overridden ?? respond(call);
    const type = answer.status >= 400 ? 'application/problem+json' : 'application/json';
    return reply
      .status(answer.status)
      .type(type)
      .send(JSON.stringify(answer.body ?? null));
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const stub: DownstreamStub = {
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    calls,
    override(answer) {
      overridden = answer;
    },
    close: () => app.close(),
  };
  return stub;
}

/** A URL on which nothing listens: a port that was just free and is closed again. */
export async function closedPortUrl(): Promise<string> {
  const app = Fastify();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  await app.close();
  return url;
}

export function problem(status: number, code: string, detail: string): Answer {
  return { status, body: { type: `/problems/${code}`, title: 'Problem', status, detail, code } };
}
