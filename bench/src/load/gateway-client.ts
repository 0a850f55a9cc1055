import { Pool } from 'undici';
import { asObject, type JsonObject, parseJson, stringField } from './json-fields.js';
import type { PlayerSession } from './sign-in.js';

export interface Answered {
  /** 0 when no response came. */
  readonly status: number;
  readonly body: JsonObject | undefined;
  /** The problem's `code`, or the network error's. */
  readonly code: string | undefined;
}

/** A request that hangs this long counts as failed: a cut dependency must not stall a player for minutes. */
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Requests to the gateway as the web client's page makes them with a session: the cookie, the
 * page's Origin (the gateway's own), and on every change the session's CSRF token.
 */
export class GatewayClient {
  readonly #pool: Pool;
  readonly #origin: string;

  constructor(gatewayUrl: string, connections: number) {
    this.#origin = new URL(gatewayUrl).origin;
    this.#pool = new Pool(this.#origin, {
      connections,
      pipelining: 1,
      headersTimeout: REQUEST_TIMEOUT_MS,
      bodyTimeout: REQUEST_TIMEOUT_MS,
    });
  }

  async send(
    session: PlayerSession,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<Answered> {
    const changes = method !== 'GET';
    try {
      const response = await this.#pool.request({
        method,
        path,
        headers: {
          cookie: session.cookie,
          origin: this.#origin,
          ...(changes ? { 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' } : {}),
        },
        ...(changes ? { body: JSON.stringify(body ?? {}) } : {}),
      });
      const parsed = asObject(parseJson(await response.body.text()));
      return { status: response.statusCode, body: parsed, code: stringField(parsed, 'code') };
    } catch (error) {
      return { status: 0, body: undefined, code: networkCode(error) };
    }
  }

  close(): Promise<void> {
    return this.#pool.destroy();
  }
}

function networkCode(error: unknown): string {
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    return code ?? error.name;
  }
  return 'unknown';
}
