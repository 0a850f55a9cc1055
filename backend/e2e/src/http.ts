export interface ApiResponse<Body> {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body; typed by the caller after the API contract, not checked. */
  readonly body: Body;
  readonly text: string;
}

export interface ExchangeRecord {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** The raw response body, for assertions about what a response must never contain. */
  readonly text: string;
}

export interface CallOptions {
  /** An `Authorization` header value (`Bearer ...`), or none. */
  readonly token?: string | undefined;
  readonly body?: unknown;
}

/**
 * Raw HTTP (fetch) to one service directly, for what the public API's generated client does not
 * cover: health, each service's own document, internal routes and forged tokens. Every exchange is recorded, so a test can look back
 * over everything a client was ever sent.
 */
export class ApiClient {
  readonly #baseUrl: string;
  readonly exchanges: ExchangeRecord[] = [];

  constructor(baseUrl: string) {
    this.#baseUrl = baseUrl;
  }

  get<Body = unknown>(path: string, options: CallOptions = {}): Promise<ApiResponse<Body>> {
    return this.call<Body>('GET', path, options);
  }

  post<Body = unknown>(path: string, options: CallOptions = {}): Promise<ApiResponse<Body>> {
    return this.call<Body>('POST', path, options);
  }

  async call<Body = unknown>(
    method: string,
    path: string,
    options: CallOptions = {},
  ): Promise<ApiResponse<Body>> {
    const headers: Record<string, string> = {};
    if (options.token !== undefined) headers.authorization = options.token;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.#baseUrl}${path}`, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    this.exchanges.push({ method, path, status: response.status, text });
    return { status: response.status, headers: response.headers, body: parse(text) as Body, text };
  }
}

function parse(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
