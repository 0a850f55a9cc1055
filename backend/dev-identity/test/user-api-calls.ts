import { expect } from 'vitest';
import type { DevIdentityProvider } from '../src/index.js';
import { endpoint, jsonOf } from './token-requests.js';

export const AUTHORIZATION_SERVICE = '/zitadel.authorization.v2.AuthorizationService';

export interface UserApiAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** Calls the user API with `bearer` as its token (`null`: no Authorization header). */
export async function callUserApi(
  provider: DevIdentityProvider,
  bearer: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<UserApiAnswer> {
  const response = await fetch(endpoint(provider, path), {
    method,
    headers: {
      ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await jsonOf(response) };
}

/** Zitadel's error body for a gRPC code, as every refusal of the user API looks. */
export function zitadelError(code: number) {
  return {
    code,
    message: expect.any(String),
    details: [
      {
        '@type': 'type.googleapis.com/zitadel.v1.ErrorDetail',
        id: expect.any(String),
        message: expect.any(String),
      },
    ],
  };
}

/** A JSON object's members, or a failure naming what came instead. */
export function objectOf(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`expected an object, got ${JSON.stringify(value)}`);
  return Object.fromEntries(Object.entries(value));
}

/** The members of a JSON array of objects, or a failure naming what came instead. */
export function objectsOf(value: unknown): Record<string, unknown>[] {
  if (!Array.isArray(value)) throw new Error(`expected an array, got ${JSON.stringify(value)}`);
  return value.map(objectOf);
}
