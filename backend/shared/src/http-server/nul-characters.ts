import type { FastifyRequest } from 'fastify';
import { validationFailed } from '../errors/index.js';
import { firstMatchPath } from './first-match.js';

const containsNul = (value: unknown): boolean => typeof value === 'string' && value.includes('\u0000');

/** Each request part, named as validation errors name it. */
const PARTS = [
  ['params', (request: FastifyRequest) => request.params],
  ['querystring', (request: FastifyRequest) => request.query],
  ['body', (request: FastifyRequest) => request.body],
] as const;

/**
 * PostgreSQL cannot store U+0000 in text (the insert fails: a 500) while SQLite stores it, so the
 * same input would get a different answer on each dialect. No text the API takes has a use for
 * it: a string holding one, anywhere in the path parameters, query string or body, is refused
 * with 400 on every route, whether or not the route declared a schema for that part.
 */
export async function refuseNulCharacters(request: FastifyRequest): Promise<void> {
  for (const [part, read] of PARTS) {
    const path = firstMatchPath(read(request), containsNul);
    if (path !== null) {
      throw validationFailed([
        { path: `${part}${path}`, message: 'must not contain the NUL character (U+0000)' },
      ]);
    }
  }
}
