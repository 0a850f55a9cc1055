import { request } from 'undici';
import { IdentityProviderUnavailableError } from '../types.js';

export interface IssuerAnswer {
  readonly status: number;
  /** The parsed JSON body; undefined when the body is not JSON. Checked by the caller, never trusted. */
  readonly body: unknown;
}

export interface IssuerRequest {
  readonly method: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
  /** What is being asked, for the error: `the discovery document`. */
  readonly what: string;
}

/**
 * One call to the identity provider. A failure to get any answer in time (refused, reset, timed
 * out) is the provider's unavailability, never a verdict on the token. Redirects are not followed:
 * every endpoint comes from configuration or the discovery document.
 */
export async function askIssuer(url: URL, call: IssuerRequest): Promise<IssuerAnswer> {
  let status: number;
  let text: string;
  try {
    const response = await request(url, {
      method: call.method,
      headers: { accept: 'application/json', ...call.headers },
      ...(call.body === undefined ? {} : { body: call.body }),
      signal: AbortSignal.timeout(call.timeoutMs),
      headersTimeout: call.timeoutMs,
      bodyTimeout: call.timeoutMs,
    });
    status = response.statusCode;
    text = await response.body.text();
  } catch (error) {
    throw new IdentityProviderUnavailableError(`${call.what} could not be fetched from ${url.origin}`, {
      cause: error,
    });
  }
  return { status, body: parseJson(text) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
