import { type Readable, Transform } from 'node:stream';
import { AppError, ErrorCode } from '@know-foolery/shared/errors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { pathOf } from './canonical-path.js';
import { LARGE_BODY_ROUTES } from './routing-table.js';

export function bodyLimitFor(path: string, defaultLimit: number): number {
  return LARGE_BODY_ROUTES.find((route) => route.path === path)?.limitBytes ?? defaultLimit;
}

const tooLarge = (limit: number) =>
  new AppError(413, ErrorCode.payloadTooLarge, `the request body is larger than ${limit} bytes`);

/**
 * The body, passed through until it grows past `limit` bytes; then the stream fails with the 413
 * to answer, and the rest of the body is read and dropped (as Fastify does for the bodies it
 * parses) so that the client, still sending, reads the answer before the connection closes.
 * The proxy destroys this stream, never the request itself, when a service fails: destroying the
 * request would reset the client's connection instead of answering it.
 */
function limitedBody(payload: Readable, limit: number): Readable {
  let received = 0;
  const limited = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received <= limit) {
        callback(null, chunk);
        return;
      }
      payload.unpipe(limited);
      payload.resume();
      callback(tooLarge(limit));
    },
  });
  payload.once('error', (error) => limited.destroy(error));
  return payload.pipe(limited);
}

const hasBody = (request: FastifyRequest): boolean =>
  request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;

/**
 * Each route's body limit, at the first hop that knows it. Proxied bodies stream through unparsed,
 * so Fastify's own limit never sees them: a declared Content-Length is checked before anything
 * else happens, and a chunked body is counted as it streams (the proxy answers its 413; see
 * `answerProxyError`). The service checks its own limit again.
 */
export function bodyLimits(app: FastifyInstance, defaultLimit: number): void {
  const limitOf = (request: FastifyRequest) => bodyLimitFor(pathOf(request), defaultLimit);
  app.addHook('onRequest', async (request) => {
    const limit = limitOf(request);
    if (Number(request.headers['content-length'] ?? 0) > limit) throw tooLarge(limit);
  });
  app.addHook('preParsing', async (request, _reply, payload) =>
    hasBody(request) ? limitedBody(payload, limitOf(request)) : payload,
  );
}
