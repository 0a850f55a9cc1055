import {
  REVOCATION_ROUTE,
  type ResolvedSession,
  ResolveSessionBody,
  SESSION_RESOLVE_PATH,
  SessionErrorCode,
  UserParams,
} from '@know-foolery/session-service/contract';
import type { ServiceClientConfig } from '@know-foolery/shared/config';
import { AppError, ErrorCode } from '@know-foolery/shared/errors';
import { ServiceClient } from '@know-foolery/shared/http-client';
import Fastify from 'fastify';
import { Value } from 'typebox/value';
import type { SessionDirectory } from '../src/clients/session-client.js';
import type { SeenRequest } from './upstream-stubs.js';
import { urlOf } from './upstream-stubs.js';

/** For tests that use no session: every cookie is unknown and no token is revoked. */
export const noSessions: SessionDirectory = {
  resolve: async () => {
    throw new AppError(401, SessionErrorCode.sessionInvalid, 'no sessions here');
  },
  tokensIssuedBefore: async () => null,
};

/** No retries and a breaker that never opens here: each test sees session-service's own answer. */
export const SESSION_CLIENT_CONFIG: ServiceClientConfig = {
  timeoutMs: 2_000,
  retries: 0,
  breakerFailureThreshold: 1_000,
  breakerFirstProbeMs: 10,
  breakerResetMs: 100,
};

/** The gateway's client of a session-service (a stub) at `url`. */
export function sessionServiceClient(url: string): ServiceClient {
  return new ServiceClient({ name: 'session-service', baseUrl: url, config: SESSION_CLIENT_CONFIG });
}

export interface SessionServiceStub {
  readonly url: string;
  /** What each cookie value resolves to; anything else is 401 SESSION_INVALID. */
  readonly sessions: Map<string, ResolvedSession>;
  /** Each user's revocation mark. */
  readonly revocations: Map<string, Date>;
  /** Its store is down: every internal route answers 503 with Retry-After, as session-service does. */
  storeDown: boolean;
  /** A status the revocation lookup answers with instead of the mark (a refusal, say), when set. */
  revocationStatus: number | null;
  /** Every request that reached it, internal ones included. */
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

function problem(status: number, code: string, detail: string) {
  return { type: 'about:blank', title: 'error', status, detail, code };
}

/**
 * session-service's internal routes as the contract describes them, answering from maps a test
 * fills in, and its public routes answering who it is (like the other upstream stubs).
 */
export async function startSessionServiceStub(): Promise<SessionServiceStub> {
  const server = Fastify();
  const stub: Omit<SessionServiceStub, 'url' | 'close'> = {
    sessions: new Map(),
    revocations: new Map(),
    storeDown: false,
    revocationStatus: null,
    seen: [],
  };
  server.addHook('onRequest', async (request, reply) => {
    stub.seen.push({
      upstream: 'session',
      method: request.method,
      url: request.url,
      headers: request.headers,
    });
    if (stub.storeDown && request.url.startsWith('/internal/')) {
      reply.code(503).header('retry-after', '2').type('application/problem+json');
      return reply.send(problem(503, 'REDIS_UNAVAILABLE', 'the session store is unavailable'));
    }
  });
  server.post(SESSION_RESOLVE_PATH, async (request, reply) => {
    const body = Value.Check(ResolveSessionBody, request.body) ? request.body : undefined;
    const session = body === undefined ? undefined : stub.sessions.get(body.cookie);
    if (session !== undefined) return session;
    reply.code(401).type('application/problem+json');
    return problem(401, SessionErrorCode.sessionInvalid, 'the session is not valid');
  });
  server.get(REVOCATION_ROUTE, async (request, reply) => {
    if (stub.revocationStatus !== null) {
      reply.code(stub.revocationStatus).type('application/problem+json');
      return problem(stub.revocationStatus, ErrorCode.forbidden, 'the lookup was refused');
    }
    if (!Value.Check(UserParams, request.params)) {
      reply.code(400).type('application/problem+json');
      return problem(400, ErrorCode.validationFailed, 'bad user id');
    }
    const mark = stub.revocations.get(request.params.userId);
    return { tokensIssuedBefore: mark === undefined ? null : mark.toISOString() };
  });
  server.all('/api/v1/sessions*', async (request) => ({ upstream: 'session', url: request.url }));
  await server.listen({ port: 0, host: '127.0.0.1' });
  return Object.assign(stub, { url: urlOf(server.server), close: () => server.close() });
}
