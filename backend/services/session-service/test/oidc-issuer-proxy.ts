import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Hop-by-hop headers and those fetch recomputes: never copied across the proxy. */
const NOT_FORWARDED = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);
const NOT_RETURNED = new Set([
  'connection',
  'content-length',
  'transfer-encoding',
  'content-encoding',
  'keep-alive',
]);

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/**
 * The issuer's address in front of the development identity provider: every call session-service
 * and the tests make to the issuer passes here, so a test can count the refresh token grants,
 * hold them back, or take the issuer down (connections dropped) and bring it back.
 */
export class IssuerProxy {
  readonly #server: Server;
  readonly origin: string;
  #target = '';
  #down = false;
  #refreshGrants = 0;
  #held: Promise<void> | undefined;

  private constructor(server: Server, origin: string) {
    this.#server = server;
    this.origin = origin;
  }

  static async start(): Promise<IssuerProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const proxy = new IssuerProxy(server, `http://127.0.0.1:${port}`);
    server.on('request', (request, response) => {
      proxy.#forward(request, response).catch(() => response.destroy());
    });
    return proxy;
  }

  /** Where the provider really listens. */
  set target(url: string) {
    this.#target = url;
  }

  /** While down, every connection is dropped unanswered, as by an issuer that went away. */
  set down(down: boolean) {
    this.#down = down;
  }

  /** Refresh token grants that reached the token endpoint so far. */
  get refreshGrants(): number {
    return this.#refreshGrants;
  }

  /** Holds every refresh token grant back until the returned function is called. */
  holdRefreshes(): () => void {
    let release: () => void = () => undefined;
    this.#held = new Promise<void>((resolve) => {
      release = resolve;
    });
    return () => {
      this.#held = undefined;
      release();
    };
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  async #forward(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await bodyOf(request);
    if (this.#down) {
      request.socket.destroy();
      return;
    }
    const path = request.url ?? '/';
    if (
      path === '/oauth/v2/token' &&
      new URLSearchParams(body.toString()).get('grant_type') === 'refresh_token'
    ) {
      this.#refreshGrants += 1;
      await this.#held;
    }
    const headers = Object.entries(request.headers).flatMap(([name, value]) =>
      NOT_FORWARDED.has(name) || value === undefined ? [] : [[name, String(value)] as [string, string]],
    );
    const answer = await fetch(new URL(path, this.#target), {
      method: request.method ?? 'GET',
      headers,
      redirect: 'manual',
      ...(body.length === 0 ? {} : { body }),
    });
    const returned: Record<string, string | string[]> = {};
    answer.headers.forEach((value, name) => {
      if (!NOT_RETURNED.has(name) && name !== 'set-cookie') returned[name] = value;
    });
    const cookies = answer.headers.getSetCookie();
    if (cookies.length > 0) returned['set-cookie'] = cookies;
    response.writeHead(answer.status, returned);
    response.end(Buffer.from(await answer.arrayBuffer()));
  }
}
