import type { Static, TSchema } from 'typebox';
import { AppError, ErrorCode } from '../errors/index.js';
import { firstDeparture, matchesSchema } from '../validation/index.js';

/**
 * A downstream's answer, typed by the owner's schema it was checked against. One that does not match
 * is a 502 naming the service and where the body first departs from the schema, never what the body
 * holds: it may carry what the caller must not see (a question's answer).
 */
export function expectedBody<S extends TSchema>(service: string, schema: S, body: unknown): Static<S> {
  if (matchesSchema(schema, body)) return body;
  const departure = firstDeparture(schema, body);
  const where = departure === undefined ? 'body' : `body${departure.path} ${departure.message}`;
  throw new AppError(
    502,
    ErrorCode.upstreamInvalidResponse,
    `${service} answered in a shape its contract does not allow: ${where}`,
  );
}
