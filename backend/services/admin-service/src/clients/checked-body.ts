import { AppError } from '@know-foolery/shared/errors';
import type { ServiceResponse } from '@know-foolery/shared/http-client';
import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';

/**
 * The body of a downstream answer, checked against the contract: an owner that breaks it gets a
 * clear 502 instead of a half-read object travelling on to the caller.
 */
export function checkedBody<Schema extends TSchema>(
  schema: Schema,
  response: ServiceResponse<unknown>,
  service: string,
): Static<Schema> {
  if (!Value.Check(schema, response.body)) {
    throw new AppError(502, 'UPSTREAM_INVALID_RESPONSE', `${service} answered in an unexpected shape`);
  }
  return response.body;
}
