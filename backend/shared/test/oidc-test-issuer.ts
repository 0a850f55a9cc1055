import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CryptoKey,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTHeaderParameters,
  type JWTPayload,
  SignJWT,
} from 'jose';
import type { OidcAuthOptions } from '../src/auth/index.js';
import { projectRolesClaim } from '../src/auth/index.js';
import type { EnvSource } from '../src/config/index.js';

export type IssuerEndpoint = 'discovery' | 'jwks' | 'introspection';

/** Zitadel's ids are 18-digit numbers; its OIDC applications' client ids add `@<project>`. */
export const PROJECT_ID = '312345678901234567';
export const WEB_APP_CLIENT = '312345678901234999@know-foolery';
export const INTROSPECTION_CLIENT = {
  clientId: 'kf-api@know-foolery',
  clientSecret: 'introspection-secret-0123456789',
};
export const ORG_GRANT = { '300000000000000001': 'know-foolery.example' };

export interface SigningKey {
  readonly kid: string;
  readonly alg: 'RS256' | 'ES256';
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

export async function newSigningKey(
  kid: string = randomUUID(),
  alg: SigningKey['alg'] = 'RS256',
): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

interface IntrospectionAnswer {
  readonly status: number;
  /** Sent as is, so a test can answer what no issuer should. */
  readonly text: string;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A stand-in issuer on a real HTTP server (port 0): a discovery document, a JWKS of RSA keys jose
 * made, and an RFC 7662 introspection endpoint behind client_secret_basic. It counts every request
 * and answers 503 on any endpoint a test marks as failing.
 */
export class TestIssuer {
  readonly url: string;
  readonly requests: Record<IssuerEndpoint, number> = { discovery: 0, jwks: 0, introspection: 0 };
  readonly failing = new Set<IssuerEndpoint>();
  /** Published in the JWKS, the first one signing by default. */
  keys: SigningKey[];
  /** Replaces the discovery document the issuer serves (given the one it would serve). */
  discovery: (standard: Record<string, unknown>) => unknown = (standard) => standard;
  readonly #server: Server;
  readonly #answers = new Map<string, IntrospectionAnswer>();

  private constructor(server: Server, url: string, key: SigningKey) {
    this.#server = server;
    this.url = url;
    this.keys = [key];
  }

  static async start(): Promise<TestIssuer> {
    const key = await newSigningKey();
    let issuer: TestIssuer | undefined;
    const server = createServer((request, response) => {
      if (issuer === undefined) throw new Error('the test issuer answered before it started');
      issuer.#handle(request, response).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    issuer = new TestIssuer(server, `http://127.0.0.1:${port}`, key);
    return issuer;
  }

  /** Options for a provider that trusts this issuer, as configuration would give them. */
  options(overrides: Partial<OidcAuthOptions> = {}): OidcAuthOptions {
    return {
      issuer: this.url,
      projectId: PROJECT_ID,
      audience: PROJECT_ID,
      roleMap: [
        { zitadelRole: 'player', platformRole: 'player' },
        { zitadelRole: 'admin', platformRole: 'admin' },
      ],
      introspection: INTROSPECTION_CLIENT,
      userClientIds: [WEB_APP_CLIENT],
      machineAdmins: [],
      serviceUsers: [],
      httpTimeoutMs: 2_000,
      clockToleranceSeconds: 5,
      maxTokenLifetimeSeconds: 86_400,
      ...overrides,
    };
  }

  /** The AUTH_PROVIDER=oidc environment of a service that trusts this issuer and introspects with it. */
  environment(extra: EnvSource = {}): EnvSource {
    return {
      AUTH_PROVIDER: 'oidc',
      ZITADEL_ISSUER: this.url,
      ZITADEL_PROJECT_ID: PROJECT_ID,
      ZITADEL_USER_CLIENT_IDS: WEB_APP_CLIENT,
      ZITADEL_INTROSPECTION_CLIENT_ID: INTROSPECTION_CLIENT.clientId,
      ZITADEL_INTROSPECTION_CLIENT_SECRET: INTROSPECTION_CLIENT.clientSecret,
      ...extra,
    };
  }

  /** The claims of a valid access token a person got through the web app, as a player. */
  claims(subject = 'alice', nowSeconds = Math.floor(Date.now() / 1000)): JWTPayload {
    return {
      iss: this.url,
      sub: subject,
      aud: [PROJECT_ID, WEB_APP_CLIENT],
      iat: nowSeconds,
      exp: nowSeconds + 600,
      jti: randomUUID(),
      client_id: WEB_APP_CLIENT,
      [projectRolesClaim(PROJECT_ID)]: { player: ORG_GRANT },
    };
  }

  /** Signs as Zitadel does (`typ` as oidc-provider writes it), with the first key unless told. */
  sign(
    claims: JWTPayload,
    options: { key?: SigningKey; header?: Partial<JWTHeaderParameters> } = {},
  ): Promise<string> {
    const key = options.key ?? this.keys[0];
    if (key === undefined) throw new Error('the test issuer has no signing key');
    return new SignJWT(claims)
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'at+jwt', ...options.header })
      .sign(key.privateKey);
  }

  /** An unsigned token (`alg: none`) with these claims, as an attacker would write it. */
  unsigned(claims: JWTPayload): string {
    return `${base64url({ alg: 'none', typ: 'at+jwt' })}.${base64url(claims)}.`;
  }

  /** A new opaque token, for which introspection answers `answer` (JSON) with 200. */
  opaque(answer: unknown): string {
    return this.opaqueAnswering({ status: 200, text: JSON.stringify(answer) });
  }

  /** A new opaque token, for which introspection answers exactly this. */
  opaqueAnswering(answer: IntrospectionAnswer): string {
    const token = randomUUID().replaceAll('-', '') + randomUUID().replaceAll('-', '');
    this.#answers.set(token, answer);
    return token;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.#server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const endpoint = endpointOf(request);
    if (endpoint === undefined) return send(response, 404, { error: 'not_found' });
    this.requests[endpoint] += 1;
    if (this.failing.has(endpoint)) return send(response, 503, { error: 'temporarily_unavailable' });
    switch (endpoint) {
      case 'discovery':
        return send(
          response,
          200,
          this.discovery({
            issuer: this.url,
            jwks_uri: `${this.url}/oauth/v2/keys`,
            introspection_endpoint: `${this.url}/oauth/v2/introspect`,
            token_endpoint: `${this.url}/oauth/v2/token`,
          }),
        );
      case 'jwks':
        return send(response, 200, { keys: this.keys.map((key) => key.publicJwk) });
      case 'introspection':
        return this.#introspect(request, response);
    }
  }

  async #introspect(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(request));
    if (!sentClientCredentials(request)) return send(response, 401, { error: 'invalid_client' });
    if (form.get('token_type_hint') !== 'access_token')
      return send(response, 400, { error: 'invalid_request' });
    const answer = this.#answers.get(form.get('token') ?? '');
    if (answer === undefined) return send(response, 200, { active: false });
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(answer.text);
  }
}

function endpointOf(request: IncomingMessage): IssuerEndpoint | undefined {
  const route = `${request.method} ${request.url}`;
  if (route === 'GET /.well-known/openid-configuration') return 'discovery';
  if (route === 'GET /oauth/v2/keys') return 'jwks';
  if (route === 'POST /oauth/v2/introspect') return 'introspection';
  return undefined;
}

/** client_secret_basic, decoded as RFC 6749 section 2.3.1 says. */
function sentClientCredentials(request: IncomingMessage): boolean {
  const match = /^Basic (.+)$/.exec(request.headers.authorization ?? '');
  if (!match?.[1]) return false;
  const [id, secret] = Buffer.from(match[1], 'base64').toString('utf8').split(':');
  const decode = (value: string | undefined) => decodeURIComponent((value ?? '').replaceAll('+', ' '));
  return decode(id) === INTROSPECTION_CLIENT.clientId && decode(secret) === INTROSPECTION_CLIENT.clientSecret;
}

async function readBody(request: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of request) body += String(chunk);
  return body;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
