import {
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  DelegateBackoff,
  ExponentialBackoff,
  handleWhen,
  type IHalfOpenAfterBackoffContext,
  type IPolicy,
  retry,
  TimeoutStrategy,
  timeout,
  wrap,
} from 'cockatiel';
import type { Static, TSchema } from 'typebox';
import { type Dispatcher, Pool } from 'undici';
import type { ServiceClientConfig } from '../config/index.js';
import { AppError, ErrorCode, isProblemDocument } from '../errors/index.js';
import { type CallContext, callHeaders } from './call-context.js';
import { callerErrorFor, DownstreamServerError, isDownstreamFailure } from './downstream-failure.js';
import { expectedBody } from './expected-body.js';
import { headerValues, type ResponseHeaders } from './response-headers.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type QueryValue = string | number | boolean;

export type CircuitStateName = 'closed' | 'open' | 'half-open' | 'isolated';

export interface CallOptions {
  readonly context: CallContext;
  readonly body?: unknown;
  /** A list is sent as the same parameter repeated (`kinds=a&kinds=b`), as Fastify reads a list back. */
  readonly query?: Readonly<Record<string, QueryValue | readonly QueryValue[] | undefined>>;
  /**
   * Whether repeating the call is harmless. GET, PUT and DELETE are; a POST is retried only
   * when the caller says so (for example, a write keyed by a unique id).
   */
  readonly idempotent?: boolean;
  /**
   * Reads a 4xx answer before the default mapping (a problem document's status, code and detail; any
   * other body dropped): for a downstream whose refusals are no problem documents but say more than
   * their status (Zitadel's `{ code, message, details }`). Undefined leaves the answer to the default.
   */
  readonly refusal?: (refused: DownstreamRefusal) => AppError | undefined;
}

/** A 4xx answer as the downstream sent it: the body parsed when it is JSON, else its text (or none). */
export interface DownstreamRefusal {
  readonly status: number;
  readonly body: unknown;
  readonly headers: ResponseHeaders;
}

export interface ServiceResponse<T> {
  readonly status: number;
  readonly body: T;
  /** The answer's headers (read them with `headerValues`): a Set-Cookie a caller passes on, say. */
  readonly headers: ResponseHeaders;
}

export interface ServiceClientOptions {
  /** The downstream's name, for errors and logs: `question-service`. */
  readonly name: string;
  readonly baseUrl: string;
  readonly config: ServiceClientConfig;
  readonly connections?: number;
}

/**
 * Calls one downstream service: a keep-alive connection pool, a timeout per try, retries with
 * exponential backoff for idempotent calls only, and a circuit breaker that stops calling a
 * service that keeps failing. Only the downstream's own failures count (see downstream-failure.ts
 * for what each failure answers). An open breaker lets a trial call through after
 * `breakerFirstProbeMs`, then twice as long after each failed trial up to `breakerResetMs`, so a
 * service that comes back is used again within a moment. Downstream problem responses come back
 * as AppErrors with the same status and code, so a 404 stays a 404 for the original caller.
 * Every call names the owner's schema of the body it expects; a successful answer that does not
 * match it is a 502 `UPSTREAM_INVALID_RESPONSE`, and one that does comes back typed by it.
 */
export class ServiceClient {
  readonly name: string;
  readonly #pool: Pool;
  readonly #once: IPolicy;
  readonly #withRetries: IPolicy;
  readonly #breaker: ReturnType<typeof circuitBreaker>;
  readonly #config: ServiceClientConfig;
  /** When the open breaker lets its next trial call through (epoch ms, the breaker's own clock). */
  #nextTrialAt = 0;

  constructor(options: ServiceClientOptions) {
    this.name = options.name;
    this.#config = options.config;
    this.#pool = new Pool(options.baseUrl, {
      connections: options.connections ?? 64,
      keepAliveTimeout: 10_000,
      // The policy's timeout decides; the pool's own limits are only a backstop behind it.
      headersTimeout: options.config.timeoutMs + 1_000,
      bodyTimeout: options.config.timeoutMs + 1_000,
    });
    this.#breaker = circuitBreaker(handleWhen(isDownstreamFailure), {
      halfOpenAfter: new DelegateBackoff((context: IHalfOpenAfterBackoffContext) => {
        const delay = this.#trialDelayMs(context.attempt);
        this.#nextTrialAt = Date.now() + delay;
        return delay;
      }),
      breaker: new ConsecutiveBreaker(options.config.breakerFailureThreshold),
    });
    // The body is read inside the try, so nothing listens to its signal once it returns: aborting it
    // then (cockatiel's default) would only build a DOMException with a stack trace on every call.
    const perTry = timeout(options.config.timeoutMs, {
      strategy: TimeoutStrategy.Aggressive,
      abortOnReturn: false,
    });
    this.#once = wrap(this.#breaker, perTry);
    this.#withRetries = wrap(
      retry(handleWhen(isDownstreamFailure), {
        maxAttempts: options.config.retries,
        backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1_000 }),
      }),
      this.#breaker,
      perTry,
    );
  }

  get circuitState(): CircuitStateName {
    const names = {
      [CircuitState.Closed]: 'closed',
      [CircuitState.Open]: 'open',
      [CircuitState.HalfOpen]: 'half-open',
      [CircuitState.Isolated]: 'isolated',
    } as const;
    return names[this.#breaker.state];
  }

  get<S extends TSchema>(
    path: string,
    expected: S,
    options: CallOptions,
  ): Promise<ServiceResponse<Static<S>>> {
    return this.call('GET', path, expected, options);
  }

  post<S extends TSchema>(
    path: string,
    expected: S,
    options: CallOptions,
  ): Promise<ServiceResponse<Static<S>>> {
    return this.call('POST', path, expected, options);
  }

  put<S extends TSchema>(
    path: string,
    expected: S,
    options: CallOptions,
  ): Promise<ServiceResponse<Static<S>>> {
    return this.call('PUT', path, expected, options);
  }

  patch<S extends TSchema>(
    path: string,
    expected: S,
    options: CallOptions,
  ): Promise<ServiceResponse<Static<S>>> {
    return this.call('PATCH', path, expected, options);
  }

  delete<S extends TSchema>(
    path: string,
    expected: S,
    options: CallOptions,
  ): Promise<ServiceResponse<Static<S>>> {
    return this.call('DELETE', path, expected, options);
  }

  /**
   * The body is checked after the policies, so one that breaks the contract is neither retried nor
   * counted by the circuit breaker. The downstream did answer, and a retry would get the same body:
   * a broken contract is a mismatch between two deployed versions, usually on one route, and opening
   * the breaker would also fail the downstream's routes that still match. It is a 502 of its own
   * instead, naming the service and the first place the body departs from the schema.
   */
  async call<S extends TSchema>(
    method: Method,
    path: string,
    expected: S,
    options: CallOptions,
  ): Promise<ServiceResponse<Static<S>>> {
    const answer = await this.#exchange(method, path, options);
    return {
      status: answer.status,
      body: expectedBody(this.name, expected, answer.body),
      headers: answer.headers,
    };
  }

  close(): Promise<void> {
    return this.#pool.close();
  }

  async #exchange(method: Method, path: string, options: CallOptions): Promise<ServiceResponse<unknown>> {
    const idempotent = options.idempotent ?? (method !== 'POST' && method !== 'PATCH');
    const policy = idempotent ? this.#withRetries : this.#once;
    try {
      return await policy.execute(({ signal }) => this.#send(method, path, options, signal));
    } catch (error) {
      throw callerErrorFor(this.name, error, () => this.#retryAfterSeconds());
    }
  }

  async #send(
    method: Method,
    path: string,
    options: CallOptions,
    signal: AbortSignal,
  ): Promise<ServiceResponse<unknown>> {
    const headers = callHeaders(options.context);
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const response = await this.#pool.request({
      method,
      path: withQuery(path, options.query),
      headers,
      ...(body === undefined ? {} : { body }),
      signal,
    });
    const payload = await readBody(response);
    if (response.statusCode >= 500) throw new DownstreamServerError(response.statusCode);
    if (response.statusCode >= 400) {
      const refused = { status: response.statusCode, body: payload, headers: response.headers };
      throw options.refusal?.(refused) ?? this.#clientError(refused);
    }
    return { status: response.statusCode, body: payload, headers: response.headers };
  }

  #clientError({ status, body: payload, headers }: DownstreamRefusal): AppError {
    const passOn: Record<string, string> = {};
    for (const name of ['www-authenticate', 'retry-after']) {
      const [value, ...more] = headerValues(headers, name);
      if (value !== undefined && more.length === 0) passOn[name] = value;
    }
    if (isProblemDocument(payload)) {
      const {
        type: _type,
        title: _title,
        status: _status,
        detail,
        code,
        instance: _instance,
        requestId: _id,
        traceId: _traceId,
        ...rest
      } = payload;
      return new AppError(
        status,
        code,
        typeof detail === 'string' ? detail : `${this.name} refused the request`,
        {
          extensions: rest,
          headers: passOn,
        },
      );
    }
    return new AppError(status, ErrorCode.badRequest, `${this.name} refused the request (${status})`, {
      headers: passOn,
    });
  }

  /** The wait before the `opening`th consecutive trial call: doubled each time, up to the reset. */
  #trialDelayMs(opening: number): number {
    return Math.min(this.#config.breakerResetMs, this.#config.breakerFirstProbeMs * 2 ** (opening - 1));
  }

  #retryAfterSeconds(): number {
    const untilTrialMs =
      this.#breaker.state === CircuitState.Open ? this.#nextTrialAt - Date.now() : this.#trialDelayMs(1);
    return Math.max(1, Math.ceil(untilTrialMs / 1000));
  }
}

function withQuery(path: string, query: CallOptions['query']): string {
  if (query === undefined) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined) params.append(key, String(item));
    }
  }
  const encoded = params.toString();
  return encoded === '' ? path : `${path}?${encoded}`;
}

async function readBody(response: Dispatcher.ResponseData): Promise<unknown> {
  const text = await response.body.text();
  if (text === '') return undefined;
  const type = response.headers['content-type'];
  if (typeof type === 'string' && type.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}
