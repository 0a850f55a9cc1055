import type { FastifyRequest } from 'fastify';
import { validationFailed } from '../errors/index.js';
import { firstMatchPath } from './first-match.js';

/** Half of a surrogate pair: the `u` flag matches whole code points, so a complete pair never matches. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/** U+0000, or a lone surrogate: text no database stores as it was sent. */
const isUnstorable = (value: unknown): boolean =>
  typeof value === 'string' && (value.includes('\u0000') || LONE_SURROGATE.test(value));

/** Each request part, named as validation errors name it. */
const PARTS = [
  ['params', (request: FastifyRequest) => request.params],
  ['querystring', (request: FastifyRequest) => request.query],
  ['body', (request: FastifyRequest) => request.body],
] as const;

/**
 * PostgreSQL cannot store U+0000 in text (the insert fails: a 500) while SQLite stores it, so the
 * same input would get a different answer on each dialect; a lone surrogate ("\ud800" in JSON) is
 * no character at all and would be stored as U+FFFD, silently changed. No text the API takes has
 * a use for either: a string holding one, anywhere in the path parameters, query string or body,
 * is refused with 400 on every route, whether or not the route declared a schema for that part.
 */
export async function refuseUnstorableText(request: FastifyRequest): Promise<void> {
  for (const [part, read] of PARTS) {
    const path = firstMatchPath(read(request), isUnstorable);
    if (path !== null) {
      throw validationFailed([
        {
          path: `${part}${path}`,
          message: 'must not contain the NUL character (U+0000) or half of a surrogate pair',
        },
      ]);
    }
  }
}
