import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  ExponentialBackoff,
  handleWhen,
  type IPolicy,
  isBrokenCircuitError,
  retry,
  TaskCancelledError,
  TimeoutStrategy,
  timeout,
  wrap,
} from 'cockatiel';
import { type Dispatcher, Pool } from 'undici';
import type { ServiceClientConfig } from '../config/index.js';
import { AppError, ErrorCode, isProblemDocument } from '../errors/index.js';
import { type CallContext, callHeaders } from './call-context.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface CallOptions {
  readonly context: CallContext;
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /**
   * Whether repeating the call is harmless. GET, PUT and DELETE are; a POST is retried only
   * when the caller says so (for example, a write keyed by a unique id).
   */
  readonly idempotent?: boolean;
}

export interface ServiceResponse<T> {
  readonly status: number;
  readonly body: T;
}

/** A downstream answer the policies treat as a failure: 5xx, so retries and the breaker see it. */
class UpstreamServerError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`answered ${status}`);
  }
}

function isTransient(error: unknown): boolean {
  return !(error instanceof AppError) && !isBrokenCircuitError(error);
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
 * service that keeps failing. Downstream problem responses come back as AppErrors with the same
 * status and code, so a 404 stays a 404 for the original caller.
 */
export class ServiceClient {
  readonly name: string;
  readonly #pool: Pool;
  readonly #once: IPolicy;
  readonly #withRetries: IPolicy;
  readonly #breaker: ReturnType<typeof circuitBreaker>;

  constructor(options: ServiceClientOptions) {
    this.name = options.name;
    this.#pool = new Pool(options.baseUrl, {
      connections: options.connections ?? 64,
      keepAliveTimeout: 10_000,
      // The policy's timeout decides; the pool's own limits are only a backstop behind it.
      headersTimeout: options.config.timeoutMs + 1_000,
      bodyTimeout: options.config.timeoutMs + 1_000,
    });
    this.#breaker = circuitBreaker(handleWhen(isTransient), {
      halfOpenAfter: options.config.breakerResetMs,
      breaker: new ConsecutiveBreaker(options.config.breakerFailureThreshold),
    });
    const perTry = timeout(options.config.timeoutMs, TimeoutStrategy.Aggressive);
    this.#once = wrap(this.#breaker, perTry);
    this.#withRetries = wrap(
      retry(handleWhen(isTransient), {
        maxAttempts: options.config.retries,
        backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1_000 }),
      }),
      this.#breaker,
      perTry,
    );
  }

  get circuitState(): 'closed' | 'open' | 'half-open' | 'isolated' {
    const names = {
      [CircuitState.Closed]: 'closed',
      [CircuitState.Open]: 'open',
      [CircuitState.HalfOpen]: 'half-open',
      [CircuitState.Isolated]: 'isolated',
    } as const;
    return names[this.#breaker.state];
  }

  get<T>(path: string, options: CallOptions): Promise<ServiceResponse<T>> {
    return this.call<T>('GET', path, options);
  }

  post<T>(path: string, options: CallOptions): Promise<ServiceResponse<T>> {
    return this.call<T>('POST', path, options);
  }

  put<T>(path: string, options: CallOptions): Promise<ServiceResponse<T>> {
    return this.call<T>('PUT', path, options);
  }

  patch<T>(path: string, options: CallOptions): Promise<ServiceResponse<T>> {
    return this.call<T>('PATCH', path, options);
  }

  delete<T>(path: string, options: CallOptions): Promise<ServiceResponse<T>> {
    return this.call<T>('DELETE', path, options);
  }

  async call<T>(method: Method, path: string, options: CallOptions): Promise<ServiceResponse<T>> {
    const idempotent = options.idempotent ?? (method !== 'POST' && method !== 'PATCH');
    const policy = idempotent ? this.#withRetries : this.#once;
    try {
      return await policy.execute(({ signal }) => this.#send<T>(method, path, options, signal));
    } catch (error) {
      throw this.#asAppError(error);
    }
  }

  close(): Promise<void> {
    return this.#pool.close();
  }

  async #send<T>(
    method: Method,
    path: string,
    options: CallOptions,
    signal: AbortSignal,
  ): Promise<ServiceResponse<T>> {
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
    if (response.statusCode >= 500) throw new UpstreamServerError(response.statusCode, payload);
    if (response.statusCode >= 400) throw this.#clientError(response.statusCode, payload, response.headers);
    return { status: response.statusCode, body: payload as T };
  }

  #clientError(status: number, payload: unknown, headers: Dispatcher.ResponseData['headers']): AppError {
    const passOn: Record<string, string> = {};
    for (const name of ['www-authenticate', 'retry-after']) {
      const value = headers[name];
      if (typeof value === 'string') passOn[name] = value;
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

  #asAppError(error: unknown): AppError {
    if (error instanceof AppError) return error;
    if (error instanceof BrokenCircuitError) {
      return new AppError(
        503,
        ErrorCode.upstreamUnavailable,
        `${this.name} is unavailable, try again shortly`,
        {
          headers: { 'retry-after': '5' },
          cause: error,
        },
      );
    }
    // instanceof, not cockatiel's isTaskCancelledError: in 3.2.1 that checks the wrong property.
    if (error instanceof TaskCancelledError || isUndiciTimeout(error)) {
      return new AppError(504, ErrorCode.upstreamTimeout, `${this.name} did not answer in time`, {
        cause: error,
      });
    }
    return new AppError(502, ErrorCode.upstreamUnavailable, `${this.name} could not complete the request`, {
      cause: error,
    });
  }
}

const UNDICI_TIMEOUTS = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function isUndiciTimeout(error: unknown): boolean {
  return error instanceof Error && 'code' in error && UNDICI_TIMEOUTS.has(String(error.code));
}

function withQuery(path: string, query: CallOptions['query']): string {
  if (query === undefined) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
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
