import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './generated/public-api.js';

/** A client of the public API, typed by the document the gateway serves (`generated/`). */
export type PublicApi = Client<paths>;

export interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  /** The raw response body, for assertions about what a response must never contain. */
  readonly text: string;
}

export interface RecordingClient {
  readonly api: PublicApi;
  /** Every response this client received, in order. */
  readonly exchanges: readonly Exchange[];
}

/**
 * The public API through the gateway at `baseUrl`, with a bearer token or none, keeping every
 * exchange; its requests go out through `fetch` (a test browser's, to share its cookies) or the global one.
 */
export function publicApi(
  baseUrl: string,
  token?: string,
  fetch?: (request: Request) => Promise<Response>,
): RecordingClient {
  const exchanges: Exchange[] = [];
  const api = createClient<paths>({
    baseUrl,
    ...(token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } }),
    ...(fetch === undefined ? {} : { fetch }),
  });
  api.use({
    async onResponse({ request, response }) {
      const text = await response.clone().text();
      exchanges.push({ method: request.method, url: request.url, status: response.status, text });
    },
  });
  return { api, exchanges };
}

/** The body of a successful call; any other answer fails the test, saying what it was. */
export function ok<Data>(result: { data?: Data; error?: unknown; response: Response }): Data {
  if (result.data === undefined)
    throw new Error(`expected success, got ${result.response.status}: ${JSON.stringify(result.error)}`);
  return result.data;
}
