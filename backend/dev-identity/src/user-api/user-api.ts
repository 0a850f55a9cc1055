import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody, sendJson } from '../http/messages.js';
import type { LocalJwtVerifier } from '../provider/local-jwt.js';
import type { UserDirectory } from '../users/user-directory.js';
import { GrpcStatus, ZitadelError } from '../zitadel/errors.js';
import { AuthorizationService } from './authorization-service.js';
import { requireMachineToken, type UserApiCallers } from './machine-auth.js';
import { UserService } from './user-service.js';

const BODY_LIMIT_BYTES = 64 * 1024;
const AUTHORIZATION_SERVICE = '/zitadel.authorization.v2.AuthorizationService/';

/** Paths the user API answers; every other path goes on to the OpenID provider. */
export function isUserApiPath(path: string): boolean {
  return (
    path.startsWith('/v2/users') ||
    path.startsWith('/management/v1/') ||
    path.startsWith(AUTHORIZATION_SERVICE)
  );
}

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly run: (parameters: string[], body: unknown) => unknown;
}

const ID = '([0-9A-Za-z_-]{1,200})';

/**
 * The user API subset: every call needs the machine client's bearer token, and every refusal is a
 * Zitadel error body with its gRPC code.
 */
export class UserApi {
  readonly #routes: Route[];
  readonly #verifier: LocalJwtVerifier;
  readonly #callers: UserApiCallers;

  constructor(directory: UserDirectory, verifier: LocalJwtVerifier, callers: UserApiCallers) {
    this.#verifier = verifier;
    this.#callers = callers;
    const users = new UserService(directory);
    const authorizations = new AuthorizationService(directory);
    const route = (method: string, pattern: string, run: Route['run']): Route => ({
      method,
      pattern: new RegExp(`^${pattern}$`),
      run,
    });
    this.#routes = [
      route('POST', '/v2/users', (_, body) => users.listUsers(body)),
      route('POST', '/v2/users/new', (_, body) => users.createUser(body)),
      route('POST', '/v2/users/human', (_, body) => users.addHumanUser(body)),
      route('GET', `/v2/users/${ID}`, ([userId = '']) => users.getUser(userId)),
      route('POST', `/v2/users/${ID}/deactivate`, ([userId = ''], body) =>
        users.deactivateUser(userId, body),
      ),
      route('POST', `/v2/users/${ID}/reactivate`, ([userId = ''], body) =>
        users.reactivateUser(userId, body),
      ),
      route('POST', `${AUTHORIZATION_SERVICE}ListAuthorizations`, (_, body) =>
        authorizations.listAuthorizations(body),
      ),
      route('POST', `${AUTHORIZATION_SERVICE}CreateAuthorization`, (_, body) =>
        authorizations.createAuthorization(body),
      ),
      route('POST', `${AUTHORIZATION_SERVICE}UpdateAuthorization`, (_, body) =>
        authorizations.updateAuthorization(body),
      ),
      route('POST', `${AUTHORIZATION_SERVICE}DeleteAuthorization`, (_, body) =>
        authorizations.deleteAuthorization(body),
      ),
      route('POST', `/management/v1/users/${ID}/grants`, ([userId = ''], body) =>
        authorizations.addUserGrant(userId, body),
      ),
      route('PUT', `/management/v1/users/${ID}/grants/${ID}`, ([userId = '', grantId = ''], body) =>
        authorizations.updateUserGrant(userId, grantId, body),
      ),
      route('DELETE', `/management/v1/users/${ID}/grants/${ID}`, ([userId = '', grantId = '']) =>
        authorizations.removeUserGrant(userId, grantId),
      ),
    ];
  }

  async handle(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    try {
      const { route, parameters } = this.#match(request.method ?? 'GET', path);
      await requireMachineToken(request, this.#verifier, this.#callers);
      const body = request.method === 'GET' || request.method === 'DELETE' ? {} : await readJson(request);
      sendJson(response, 200, await route.run(parameters, body));
    } catch (error) {
      if (!(error instanceof ZitadelError)) throw error;
      sendJson(response, error.httpStatus, error.body());
    }
  }

  #match(method: string, path: string): { route: Route; parameters: string[] } {
    for (const route of this.#routes) {
      const match = route.pattern.exec(path);
      if (match !== null && route.method === method) return { route, parameters: match.slice(1) };
    }
    throw new ZitadelError(GrpcStatus.notFound, 'DEVID-no-such-method', 'Not Found');
  }
}

export async function readJson(request: IncomingMessage): Promise<unknown> {
  let text: string;
  try {
    text = await readBody(request, BODY_LIMIT_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    throw new ZitadelError(GrpcStatus.invalidArgument, 'DEVID-body-too-large', error.message);
  }
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ZitadelError(GrpcStatus.invalidArgument, 'DEVID-body-not-json', 'the request body is not JSON');
  }
}
