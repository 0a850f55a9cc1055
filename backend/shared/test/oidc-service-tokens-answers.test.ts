import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientCredentialsTokenSource, ServiceTokenUnavailableError } from '../src/auth/index.js';

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** An issuer whose token endpoint answers whatever the test sets, recording the Authorization header. */
class ScriptedIssuer {
  answer: Answer = { status: 200, body: '{}' };
  discovery: Record<string, unknown> = {};
  authorization: string | undefined;
  readonly url: string;
  readonly #server: Server;

  private constructor(server: Server, url: string) {
    this.#server = server;
    this.url = url;
  }

  static async start(): Promise<ScriptedIssuer> {
    let issuer: ScriptedIssuer | undefined;
    const server = createServer((request, response) => {
      if (issuer === undefined) return;
      if (request.url === '/.well-known/openid-configuration') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ ...issuer.standardDiscovery(), ...issuer.discovery }));
        return;
      }
      issuer.authorization = request.headers.authorization;
      response.writeHead(issuer.answer.status, { 'content-type': 'application/json' });
      response.end(issuer.answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    issuer = new ScriptedIssuer(server, `http://127.0.0.1:${port}`);
    return issuer;
  }

  standardDiscovery(): Record<string, unknown> {
    return { issuer: this.url, jwks_uri: `${this.url}/keys`, token_endpoint: `${this.url}/token` };
  }

  source(clientSecret = 'machine-secret-0123456789abcdef'): ClientCredentialsTokenSource {
    return new ClientCredentialsTokenSource({
      issuer: this.url,
      credentials: { clientId: 'svc@know-foolery', clientSecret },
      scope: 'openid',
      timeoutMs: 2_000,
    });
  }

  stop(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

async function failureOf(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (error instanceof ServiceTokenUnavailableError) return error.message;
  throw new Error(`expected a ServiceTokenUnavailableError, got ${String(error)}`);
}

describe('what a token endpoint answers a service', () => {
  let issuer: ScriptedIssuer;
  beforeAll(async () => {
    issuer = await ScriptedIssuer.start();
  });
  afterAll(() => issuer.stop());

  it('takes a bearer token with its lifetime, whatever case token_type is written in', async () => {
    issuer.answer = {
      status: 200,
      body: '{"access_token":"opaque-token","token_type":"bearer","expires_in":60}',
    };
    await expect(issuer.source().token()).resolves.toBe('opaque-token');
  });

  it('sends the client id and secret form-urlencoded in client_secret_basic', async () => {
    issuer.answer = { status: 200, body: '{"access_token":"t","token_type":"Bearer","expires_in":60}' };
    await issuer.source('a secret: with+signs').token();
    const decoded = Buffer.from((issuer.authorization ?? '').replace(/^Basic /, ''), 'base64').toString();
    expect(decoded).toBe('svc%40know-foolery:a+secret%3A+with%2Bsigns');
  });

  it.each([
    ['no JSON', 'Service Unavailable', 'the token endpoint answered without a JSON object'],
    [
      'no token',
      '{"token_type":"Bearer","expires_in":60}',
      'the token endpoint answered without an access_token',
    ],
    [
      'another token type',
      '{"access_token":"t","token_type":"DPoP","expires_in":60}',
      'the token endpoint answered with a token_type other than Bearer',
    ],
    [
      'no lifetime',
      '{"access_token":"t","token_type":"Bearer"}',
      'the token endpoint answered without a positive expires_in',
    ],
    [
      'a lifetime of zero',
      '{"access_token":"t","token_type":"Bearer","expires_in":0}',
      'the token endpoint answered without a positive expires_in',
    ],
  ])('refuses a 200 answer with %s', async (_case, body, reason) => {
    issuer.answer = { status: 200, body };
    expect(await failureOf(issuer.source().token())).toBe(`the identity provider is unavailable: ${reason}`);
  });

  it('reports a server error with what the issuer said, trimmed to printable text', async () => {
    const description = `overloaded\n${'x'.repeat(300)}`;
    issuer.answer = {
      status: 500,
      body: JSON.stringify({ error: 'server_error', error_description: description }),
    };
    const message = await failureOf(issuer.source().token());
    expect(message).toMatch(/status 500: server_error \(overloaded\?x+\.\.\.\)$/);
    expect(message).not.toContain('x'.repeat(200));
  });

  it('reports a refusal without an error body by its status', async () => {
    issuer.answer = { status: 401, body: '' };
    expect(await failureOf(issuer.source().token())).toBe(
      'the identity provider is unavailable: the issuer refused the client credentials of "svc@know-foolery": ' +
        'status 401; check ZITADEL_SERVICE_CLIENT_ID and ZITADEL_SERVICE_CLIENT_SECRET',
    );
  });

  it('needs the token endpoint in the discovery document', async () => {
    issuer.discovery = { token_endpoint: undefined };
    expect(await failureOf(issuer.source().token())).toBe(
      'the identity provider is unavailable: the discovery document has no token_endpoint',
    );
    issuer.discovery = {};
  });
});
