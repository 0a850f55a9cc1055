import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { frontDoor } from './http/front-door.js';
import { LoginInteractions } from './interactions/login-interactions.js';
import { ManagementApi } from './management/management-api.js';
import { type ClientSink, ManagementRegistry } from './management/registry.js';
import { DEFAULT_REDIRECTS, devClientMetadata } from './provider/dev-clients.js';
import { LocalJwtVerifier } from './provider/local-jwt.js';
import { MemoryStore } from './provider/memory-adapter.js';
import { ProviderRuntime } from './provider/runtime.js';
import { SigningKeyRing } from './provider/signing-keys.js';
import { answerUserinfo } from './provider/userinfo.js';
import { DEV_ADMIN_PAT, DEV_CLIENTS, type DevClients } from './seed.js';
import { isUserApiPath, UserApi } from './user-api/user-api.js';
import { seedDevUsers } from './users/dev-users.js';
import { IdSequence } from './users/id-sequence.js';
import { UserDirectory } from './users/user-directory.js';
import { DEV_PROJECT_ID } from './zitadel/project.js';

export interface DevIdentityOptions {
  /** 0 (the default) lets the system choose a free port, as tests want. */
  port?: number;
  host?: string;
  /** The issuer the tokens name; defaults to the URL the provider listens on. */
  issuer?: string;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  /** The web clients' redirect URIs (defaults: the gateway's callback on localhost and 127.0.0.1, port 3000). */
  redirectUris?: readonly string[];
  postLogoutRedirectUris?: readonly string[];
  /** Told of failures the provider answered with a server error; nothing is logged otherwise. */
  onError?: (error: unknown) => void;
}

export interface DevIdentityProvider {
  issuer: string;
  /** Where the provider listens (differs from `issuer` only when the issuer was overridden). */
  url: string;
  projectId: string;
  clients: DevClients;
  /** Signs with the key published since the last rotation, publishes a new next key; old keys stay published. */
  rotateSigningKey(): Promise<void>;
  stop(): Promise<void>;
}

const DEFAULT_HOST = '127.0.0.1';
/** Zitadel's default access and ID token lifetime is 12 hours; development wants shorter. */
const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 60 * 60;
const DEFAULT_REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;
/** Objects made through the management API take ids after the user directory's. */
const FIRST_MANAGED_ID = 300_000_000_000_500_000n;

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  const chosen = value ?? fallback;
  if (!Number.isSafeInteger(chosen) || chosen < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${chosen}`);
  }
  return chosen;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('the server has no TCP address'));
      else resolve(address);
    });
  });
}

function urlOf(address: AddressInfo): string {
  const wildcard: Record<string, string> = { '0.0.0.0': '127.0.0.1', '::': '::1' };
  const host = wildcard[address.address] ?? address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}

/**
 * Starts the development identity provider: Zitadel's OpenID Connect endpoints, its login, and the
 * subset of its user API the platform calls, all in memory, with the development users seeded.
 */
export async function startDevIdentityProvider(
  options: DevIdentityOptions = {},
): Promise<DevIdentityProvider> {
  const accessTokenTtlSeconds = positiveInteger(
    'accessTokenTtlSeconds',
    options.accessTokenTtlSeconds,
    DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  );
  const refreshTokenTtlSeconds = positiveInteger(
    'refreshTokenTtlSeconds',
    options.refreshTokenTtlSeconds,
    DEFAULT_REFRESH_TOKEN_TTL_SECONDS,
  );
  if (
    options.issuer !== undefined &&
    (!URL.canParse(options.issuer) || new URL(options.issuer).origin !== options.issuer)
  ) {
    throw new RangeError(`issuer must be an origin (scheme, host and port only), got ${options.issuer}`);
  }
  const onError = options.onError ?? (() => undefined);
  const directory = new UserDirectory(DEV_PROJECT_ID);
  await seedDevUsers(directory);
  const keys = await SigningKeyRing.create();

  // The issuer defaults to the listening URL, known only once the port is bound.
  const server = createServer();
  const url = urlOf(await listen(server, options.port ?? 0, options.host ?? DEFAULT_HOST));
  const issuer = options.issuer ?? url;
  const issuerUrl = new URL(issuer);

  const store = new MemoryStore();
  const clientAdapter = store.adapterFor('Client');
  const clients: ClientSink = {
    // oidc-provider looks a client it was not configured with up in its storage.
    register: (metadata) => clientAdapter.upsert(metadata.client_id, { ...metadata }, undefined),
    opaqueTokenClientIds: new Set([DEV_CLIENTS.opaqueWeb.clientId]),
    introspectionClientIds: new Set([DEV_CLIENTS.api.clientId]),
    machineSubjects: new Map(),
  };
  const registry = new ManagementRegistry(new IdSequence(FIRST_MANAGED_ID), clients);
  const runtime = new ProviderRuntime(
    {
      issuer,
      projectId: DEV_PROJECT_ID,
      directory,
      store,
      cookieKeys: [randomBytes(32).toString('base64url')],
      clients: devClientMetadata({
        redirectUris: options.redirectUris ?? DEFAULT_REDIRECTS.redirectUris,
        postLogoutRedirectUris: options.postLogoutRedirectUris ?? DEFAULT_REDIRECTS.postLogoutRedirectUris,
      }),
      opaqueTokenClientIds: clients.opaqueTokenClientIds,
      introspectionClientIds: clients.introspectionClientIds,
      machineSubjects: clients.machineSubjects,
      accessTokenTtlSeconds,
      refreshTokenTtlSeconds,
    },
    keys,
    onError,
  );
  const login = new LoginInteractions(() => runtime.provider, directory);
  const verifier = new LocalJwtVerifier(issuer, DEV_PROJECT_ID, () => keys.publicKeySet());
  const userApi = new UserApi(directory, verifier, {
    personalAccessToken: DEV_ADMIN_PAT,
    mayManageUsers: (clientId) =>
      clientId === DEV_CLIENTS.machine.clientId || registry.mayManageUsers(clientId),
  });
  const management = new ManagementApi(registry, directory, DEV_ADMIN_PAT);
  server.on(
    'request',
    frontDoor({
      login: (request, response, path) => login.handle(request, response, path),
      userinfo: (request, response) =>
        answerUserinfo(request, response, runtime.provider, {
          directory,
          verifier,
          projectId: DEV_PROJECT_ID,
        }),
      isUserApiPath,
      userApi: (request, response, path) =>
        management.handles(request.method ?? 'GET', path)
          ? management.handle(request, response, path)
          : userApi.handle(request, response, path),
      rotateSigningKey: () => runtime.rotateSigningKey(),
      provider: () => runtime.listener,
      issuer: issuerUrl,
      onError,
    }),
  );

  return {
    issuer,
    url,
    projectId: DEV_PROJECT_ID,
    clients: DEV_CLIENTS,
    rotateSigningKey: async () => {
      await runtime.rotateSigningKey();
    },
    stop: () => stopServer(server),
  };
}
