import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DevIdentityProvider, startDevIdentityProvider } from '@know-foolery/dev-identity';
import { EnvReader, type EnvSource, readAuthConfig, type ServiceName } from '../src/config/index.js';

const TOKEN_PATH = '/oauth/v2/token';

/** What the relay does with each request: pass it on, answer 503 itself, or drop the connection. */
export type RelayMode = 'forward' | 'unavailable' | 'drop';

/**
 * The development identity provider behind a relay that is its issuer: every request a service
 * makes to it (discovery, token, keys) passes here, so a test counts the token requests, reads
 * what they asked for, and takes the issuer down and back up.
 */
export class RelayedIssuer {
  mode: RelayMode = 'forward';
  /** The form body of every request passed on to the token endpoint, in order. */
  readonly tokenRequests: URLSearchParams[] = [];
  /** Every request for the token endpoint, whatever the relay did with it. */
  tokenAttempts = 0;
  readonly #server: Server;
  readonly provider: DevIdentityProvider;

  private constructor(server: Server, provider: DevIdentityProvider) {
    this.#server = server;
    this.provider = provider;
  }

  static async start(accessTokenTtlSeconds: number): Promise<RelayedIssuer> {
    let relay: RelayedIssuer | undefined;
    const server = createServer((request, response) => {
      if (relay !== undefined && request.url?.startsWith(TOKEN_PATH) === true) relay.tokenAttempts += 1;
      if (relay === undefined || relay.mode === 'drop') {
        request.socket.destroy();
        return;
      }
      if (relay.mode === 'unavailable') {
        response.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance');
        return;
      }
      relay.#forward(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const provider = await startDevIdentityProvider({
      issuer: `http://127.0.0.1:${port}`,
      accessTokenTtlSeconds,
    });
    relay = new RelayedIssuer(server, provider);
    return relay;
  }

  get issuer(): string {
    return this.provider.issuer;
  }

  /** The variables of a service of the platform trusting this issuer, with the machine user's credentials. */
  env(overrides: EnvSource = {}): EnvSource {
    const { machine, web } = this.provider.clients;
    return {
      NODE_ENV: 'test',
      AUTH_PROVIDER: 'oidc',
      ZITADEL_ISSUER: this.issuer,
      ZITADEL_PROJECT_ID: this.provider.projectId,
      ZITADEL_USER_CLIENT_IDS: web.clientId,
      ZITADEL_SERVICE_USERS: machine.clientId,
      ZITADEL_SERVICE_CLIENT_ID: machine.clientId,
      ZITADEL_SERVICE_CLIENT_SECRET: machine.clientSecret,
      ...overrides,
    };
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
    await this.provider.stop();
  }

  #forward(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      if (request.url?.startsWith(TOKEN_PATH) === true) {
        this.tokenRequests.push(new URLSearchParams(body.toString()));
      }
      const upstream = httpRequest(
        new URL(request.url ?? '/', this.provider.url),
        { method: request.method, headers: request.headers },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response);
        },
      );
      upstream.on('error', () => response.destroy());
      upstream.end(body);
    });
  }
}

/** A service's configuration as it reads it from these variables. */
export function oidcAuthConfig(env: EnvSource, service?: ServiceName) {
  const reader = new EnvReader(env);
  const config = readAuthConfig(reader, service);
  reader.done();
  return config;
}
