import type { AddressInfo } from 'node:net';
import { DEV_CLIENTS, type DevIdentityProvider, startDevIdentityProvider } from '@know-foolery/dev-identity';
import { createAuth } from '@know-foolery/shared/auth';
import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { RedisClient } from '@know-foolery/shared/redis';
import { testRedisConfig } from '@know-foolery/shared/testing';
import { systemClock } from '@know-foolery/shared/utils';
import * as oidc from 'openid-client';
import { buildApp } from '../src/app.js';
import { providerTokens } from '../src/compose.js';
import { loadConfig } from '../src/config.js';
import {
  SESSION_RESOLVE_PATH,
  SIGN_IN_SESSION_PATH,
  SIGN_OUT_SESSION_PATH,
  type SignInSessionBody,
} from '../src/contract/internal.js';
import { CookieSigner } from '../src/crypto/cookie-signer.js';
import { SessionHandles } from '../src/crypto/session-handles.js';
import { SessionSealer } from '../src/crypto/session-sealer.js';
import { MemorySessionStore } from '../src/data/memory-session-store.js';
import { MemoryTokenRevocations } from '../src/data/memory-token-revocations.js';
import { RedisSessionStore } from '../src/data/redis-session-store.js';
import { RedisTokenRevocations } from '../src/data/redis-token-revocations.js';
import type { SessionStore } from '../src/data/session-store.js';
import type { TokenRevocations } from '../src/data/token-revocations.js';
import type { SessionRouteDeps } from '../src/routes/public-sessions.js';
import { SingleFlight } from '../src/use-cases/single-flight.js';
import { capturingLogger, type LogLine } from './harness.js';
import { IssuerProxy } from './oidc-issuer-proxy.js';

/** Renewed tokens live longer than the renewal window (a minute): a fresh one is never renewed again at once. */
export const ACCESS_TOKEN_TTL_SECONDS = 300;

/** The development identity provider, reached through a proxy the test controls. */
export interface TestIssuer {
  readonly provider: DevIdentityProvider;
  readonly proxy: IssuerProxy;
  /** The issuer as everyone names it: the proxy's origin. */
  readonly url: string;
  stop(): Promise<void>;
}

export async function startTestIssuer(): Promise<TestIssuer> {
  const proxy = await IssuerProxy.start();
  const provider = await startDevIdentityProvider({
    issuer: proxy.origin,
    accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
  });
  proxy.target = provider.url;
  return {
    provider,
    proxy,
    url: proxy.origin,
    stop: async () => {
      await proxy.close();
      await provider.stop();
    },
  };
}

/** Where the sessions of a test's session-service live. */
export type TestStorage =
  | { readonly kind: 'memory' }
  | { readonly kind: 'redis'; readonly url: string; readonly prefix: string };

interface Storage {
  readonly store: SessionStore;
  readonly revocations: TokenRevocations;
  release(): Promise<void>;
}

async function openStorage(storage: TestStorage, encryption: SessionSealer): Promise<Storage> {
  const maxTokenLifetimeSeconds = 86_400;
  if (storage.kind === 'memory') {
    const store = new MemorySessionStore({ clock: systemClock, sweepIntervalMs: 60_000 });
    return {
      store,
      revocations: new MemoryTokenRevocations({ clock: systemClock, maxTokenLifetimeSeconds }),
      release: () => store.close(),
    };
  }
  // A client of its own, as each replica has: two services in one test share only the server.
  const redis = new RedisClient({
    config: testRedisConfig({ keyPrefix: storage.prefix }),
    url: storage.url,
    metrics: createMetricsRegistry(),
  });
  await redis.connect();
  return {
    store: new RedisSessionStore({ redis, sealer: encryption, clock: systemClock }),
    revocations: new RedisTokenRevocations({ redis, clock: systemClock, maxTokenLifetimeSeconds }),
    release: () => redis.close(),
  };
}

/** session-service with AUTH_PROVIDER=oidc on a real port, wired as composeService wires it. */
export interface OidcSessionService {
  readonly url: string;
  readonly deps: SessionRouteDeps;
  /** Warnings and errors it logged, parsed. */
  readonly logs: LogLine[];
  /** Resolve requests it has received so far. */
  resolvesReceived(): number;
  stop(): Promise<void>;
}

export async function startOidcSessionService(
  issuer: TestIssuer,
  storage: TestStorage,
  env: Readonly<Record<string, string>> = {},
): Promise<OidcSessionService> {
  const config = loadConfig({
    NODE_ENV: 'test',
    AUTH_PROVIDER: 'oidc',
    ZITADEL_ISSUER: issuer.url,
    ZITADEL_PROJECT_ID: issuer.provider.projectId,
    ZITADEL_USER_CLIENT_IDS: DEV_CLIENTS.web.clientId,
    ZITADEL_SERVICE_USERS: DEV_CLIENTS.machine.clientId,
    ZITADEL_HTTP_TIMEOUT_MS: '2000',
    // Verified tokens are not remembered: a test sees each verification the provider makes.
    ZITADEL_TOKEN_CACHE_SECONDS: '0',
    OIDC_CLIENT_ID: DEV_CLIENTS.web.clientId,
    OIDC_CLIENT_SECRET: DEV_CLIENTS.web.clientSecret,
    ...env,
  });
  const auth = createAuth(config.auth);
  const { store, revocations, release } = await openStorage(
    storage,
    new SessionSealer(config.keys.encryption),
  );
  const { ttlSeconds, maxLifetimeSeconds, maxPerUser, touchIntervalSeconds } = config.sessions;
  const deps: SessionRouteDeps = {
    store,
    revocations,
    clock: systemClock,
    policy: { ttlSeconds, maxLifetimeSeconds, maxPerUser },
    signer: new CookieSigner(config.keys.signing),
    handles: new SessionHandles(config.keys.lookup),
    ...providerTokens(config, auth),
    renewals: new SingleFlight(),
    touchIntervalMs: touchIntervalSeconds * 1000,
    authMethods: [auth.provider.kind],
    cookie: { secure: false, maxAgeSeconds: maxLifetimeSeconds },
  };
  const logs: LogLine[] = [];
  const app = buildApp({
    version: 'test',
    auth: auth.provider,
    sessions: deps,
    logger: capturingLogger(logs),
  });
  let resolves = 0;
  app.addHook('onRequest', async (request) => {
    if (request.url === SESSION_RESOLVE_PATH) resolves += 1;
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    deps,
    logs,
    resolvesReceived: () => resolves,
    stop: async () => {
      await app.close();
      await release();
    },
  };
}

/** What a call to session-service answered: status, JSON body, and the cookie it set, if any. */
export interface Answer {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
  readonly setCookie: string | null;
  /** The session cookie's value in Set-Cookie: '' when it clears the cookie. */
  readonly cookie: string | undefined;
}

async function answerOf(response: Response): Promise<Answer> {
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new Error(`expected a JSON object, got ${JSON.stringify(body)}`);
  }
  const setCookie = response.headers.get('set-cookie');
  return {
    status: response.status,
    body: Object.fromEntries(Object.entries(body)),
    setCookie,
    cookie: setCookie === null ? undefined : /^kf_session=([^;]*)/.exec(setCookie)?.[1],
  };
}

/** A string member of an answer's body; fails the test when it is anything else. */
export function text(answer: Answer, name: string): string {
  const value = answer.body[name];
  if (typeof value !== 'string') throw new Error(`${name} is not a string in ${JSON.stringify(answer.body)}`);
  return value;
}

/**
 * The gateway, as far as session-service sees it: it calls the internal routes with the services'
 * machine token from the issuer (client credentials).
 */
export class TestGateway {
  readonly #issuer: string;
  #token: string | undefined;

  constructor(issuer: string) {
    this.#issuer = issuer;
  }

  async token(): Promise<string> {
    if (this.#token !== undefined) return this.#token;
    const config = await oidc.discovery(
      new URL(this.#issuer),
      DEV_CLIENTS.machine.clientId,
      undefined,
      oidc.ClientSecretBasic(DEV_CLIENTS.machine.clientSecret),
      { execute: [oidc.allowInsecureRequests] },
    );
    this.#token = (await oidc.clientCredentialsGrant(config, { scope: 'openid' })).access_token;
    return this.#token;
  }

  /** A POST to session-service as `bearer` (the gateway's own token unless said otherwise). */
  async post(service: OidcSessionService, path: string, body: object, bearer?: string): Promise<Answer> {
    const response = await fetch(new URL(path, service.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${bearer ?? (await this.token())}`,
      },
      body: JSON.stringify(body),
    });
    return answerOf(response);
  }

  signIn(service: OidcSessionService, body: SignInSessionBody, bearer?: string): Promise<Answer> {
    return this.post(service, SIGN_IN_SESSION_PATH, body, bearer);
  }

  resolve(service: OidcSessionService, cookie: string): Promise<Answer> {
    return this.post(service, SESSION_RESOLVE_PATH, { cookie });
  }

  signOut(service: OidcSessionService, cookie: string): Promise<Answer> {
    return this.post(service, SIGN_OUT_SESSION_PATH, { cookie });
  }
}
