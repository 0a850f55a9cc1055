import { firstDeparture, matchesSchema } from '@know-foolery/shared/validation';
import { type Static, type TSchema, Type } from 'typebox';
import { BootstrapError, BootstrapErrorCode } from './errors.js';

const ErrorBody = Type.Object({ message: Type.String() });
const HTTP_CONFLICT = 409;

interface Reply {
  readonly url: URL;
  readonly status: number;
  readonly body: unknown;
}

function causeOf(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer in time';
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error)
    return 'code' in cause && typeof cause.code === 'string' ? cause.code : cause.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Zitadel's REST API called with a personal access token. Every answer is checked against the shape
 * its API documents before anything reads it; a failure is one BootstrapError naming the call.
 */
export class ZitadelClient {
  readonly #apiUrl: string;
  readonly #token: string;
  readonly #timeoutMs: number;

  constructor(apiUrl: string, token: string, timeoutMs: number) {
    this.#apiUrl = apiUrl;
    this.#token = token;
    this.#timeoutMs = timeoutMs;
  }

  /** `what` says in words what the call does, for the message when it fails. */
  async call<S extends TSchema>(
    what: string,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body: unknown,
    answer: S,
  ): Promise<Static<S>> {
    return this.#checked(what, method, await this.#send(what, method, path, body), answer);
  }

  /** As `call`, but "it exists already" (409) is an answer: undefined. */
  async callUnlessExists<S extends TSchema>(
    what: string,
    method: 'POST' | 'PUT',
    path: string,
    body: unknown,
    answer: S,
  ): Promise<Static<S> | undefined> {
    const reply = await this.#send(what, method, path, body);
    return reply.status === HTTP_CONFLICT ? undefined : this.#checked(what, method, reply, answer);
  }

  async #send(what: string, method: string, path: string, body: unknown): Promise<Reply> {
    const url = new URL(path, this.#apiUrl);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.#token}`,
          accept: 'application/json',
          ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
        },
        body: method === 'GET' ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      return { url, status: response.status, body: parseJson(await response.text()) };
    } catch (error) {
      throw new BootstrapError(
        BootstrapErrorCode.unreachable,
        `Zitadel at ${this.#apiUrl} is unreachable (${causeOf(error)}) while trying to ${what}`,
      );
    }
  }

  #checked<S extends TSchema>(what: string, method: string, reply: Reply, answer: S): Static<S> {
    if (reply.status < 200 || reply.status > 299) throw this.#refusal(what, reply.status, reply.body);
    if (!matchesSchema(answer, reply.body)) {
      const departure = firstDeparture(answer, reply.body);
      const where = departure === undefined ? '' : `: ${departure.path || '/'} ${departure.message}`;
      throw new BootstrapError(
        BootstrapErrorCode.unexpectedAnswer,
        `Zitadel's answer to "${what}" (${method} ${reply.url.pathname}) is not the documented one${where}`,
      );
    }
    return reply.body;
  }

  #refusal(what: string, status: number, body: unknown): BootstrapError {
    const said = matchesSchema(ErrorBody, body) ? `: ${body.message}` : '';
    if (status === 401 || status === 403) {
      return new BootstrapError(
        BootstrapErrorCode.unauthorized,
        `Zitadel at ${this.#apiUrl} refused the personal access token (${status}) while trying to ${what}${said}`,
      );
    }
    return new BootstrapError(
      BootstrapErrorCode.unexpectedAnswer,
      `Zitadel at ${this.#apiUrl} answered ${status} while trying to ${what}${said}`,
    );
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
