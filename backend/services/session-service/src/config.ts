import {
  type BaseServiceConfig,
  type EnvReader,
  type EnvSource,
  loadServiceConfig,
  type RedisConfig,
  readRedisConfig,
} from '@know-foolery/shared/config';
import { developmentKeyring, parseKeyring, parseKeySecret, type SessionKey } from './crypto/keyring.js';
import type { SessionPolicy } from './domain/session.js';

export interface SessionSettings extends SessionPolicy {
  /** How often the in-memory store drops expired sessions (reads never see them anyway). */
  readonly sweepIntervalMs: number;
  /** How often the cleanup routine drops ended sessions from the players' indexes. */
  readonly pruneIntervalMs: number;
  /** A resolve writes a session's activity at most this often (0: on every resolve). */
  readonly touchIntervalSeconds: number;
}

export interface SessionCookieConfig {
  /** Secure and the `__Host-` name: required in production, off by default elsewhere (http). */
  readonly secure: boolean;
}

interface SessionKeyMaterial {
  /** Seal stored sessions: the first encrypts, all decrypt. */
  readonly encryption: readonly SessionKey[];
  /** Sign the cookie: the first signs, all verify. */
  readonly signing: readonly SessionKey[];
  /** Turns a session id into its handle; one key, rotating it ends every session. */
  readonly lookup: Buffer;
}

/**
 * The session keys, kept in private fields: the frozen configuration lists no secret, so nothing
 * that prints or serializes the configuration can leak one (`toJSON` names the key ids only).
 */
export class SessionKeys {
  readonly #keys: SessionKeyMaterial;

  constructor(keys: SessionKeyMaterial) {
    this.#keys = keys;
  }

  get encryption(): readonly SessionKey[] {
    return this.#keys.encryption;
  }

  get signing(): readonly SessionKey[] {
    return this.#keys.signing;
  }

  get lookup(): Buffer {
    return this.#keys.lookup;
  }

  toJSON(): Readonly<Record<string, unknown>> {
    const ids = (keys: readonly SessionKey[]) => keys.map((key) => key.id);
    return { encryption: ids(this.#keys.encryption), signing: ids(this.#keys.signing), lookup: 'set' };
  }
}

/**
 * The platform's web client at the identity provider (the one the gateway signs people in with):
 * session-service refreshes and revokes the tokens it was issued. The secret is in a private field,
 * like the session keys, so printing the configuration never shows it.
 */
export class OidcClientCredentials {
  readonly clientId: string;
  readonly #clientSecret: string;

  constructor(clientId: string, clientSecret: string) {
    this.clientId = clientId;
    this.#clientSecret = clientSecret;
  }

  get clientSecret(): string {
    return this.#clientSecret;
  }

  toJSON(): Readonly<Record<string, unknown>> {
    return { clientId: this.clientId, clientSecret: 'set' };
  }
}

export interface SessionServiceConfig extends BaseServiceConfig {
  readonly sessions: SessionSettings;
  readonly keys: SessionKeys;
  readonly cookie: SessionCookieConfig;
  /** With AUTH_PROVIDER=oidc, the client whose refresh tokens sessions keep; null with mock auth. */
  readonly oidcClient: OidcClientCredentials | null;
  /** With REDIS_URL, sessions and revocation marks live in Redis; without, in this process's memory. */
  readonly redis: RedisConfig;
}

const DAY_SECONDS = 24 * 60 * 60;

/** Each purpose has its own development key (public, refused in production). */
const PURPOSES = {
  encryption: 'session-encryption',
  signing: 'cookie-signing',
  lookup: 'session-lookup',
} as const;

function developmentSecret(purpose: string): Buffer {
  const [key] = developmentKeyring(purpose);
  if (key === undefined) throw new Error('a development keyring holds one key');
  return key.secret;
}

const DEVELOPMENT_SECRETS = Object.values(PURPOSES).map(developmentSecret);

function isDevelopmentSecret(secret: Buffer): boolean {
  return DEVELOPMENT_SECRETS.some((development) => development.equals(secret));
}

/** A required secret without a value: the development one, except in production. */
function missingSecret(env: EnvReader, name: string): void {
  if (env.isProduction) env.reject(name, 'is required when NODE_ENV=production');
}

function refuseDevelopmentSecrets(env: EnvReader, name: string, secrets: readonly Buffer[]): void {
  if (env.isProduction && secrets.some(isDevelopmentSecret)) {
    env.reject(name, 'a development key cannot be used when NODE_ENV=production');
  }
}

function readKeyring(env: EnvReader, name: string, purpose: string): readonly SessionKey[] {
  const raw = env.optionalString(name);
  if (raw === undefined) {
    missingSecret(env, name);
    return developmentKeyring(purpose);
  }
  try {
    const keys = parseKeyring(raw);
    refuseDevelopmentSecrets(
      env,
      name,
      keys.map((key) => key.secret),
    );
    return keys;
  } catch (error) {
    // parseKeyring's messages name the key and what is wrong, never the secret.
    if (!(error instanceof RangeError)) throw error;
    env.reject(name, error.message);
    return developmentKeyring(purpose);
  }
}

function readLookupKey(env: EnvReader): Buffer {
  const name = 'SESSION_LOOKUP_KEY';
  const raw = env.optionalString(name);
  if (raw === undefined) {
    missingSecret(env, name);
    return developmentSecret(PURPOSES.lookup);
  }
  try {
    const secret = parseKeySecret(raw, 'the value');
    refuseDevelopmentSecrets(env, name, [secret]);
    return secret;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    env.reject(name, error.message);
    return developmentSecret(PURPOSES.lookup);
  }
}

/** One key, one purpose: a key shared between two of them is refused, so no purpose weakens another. */
function refuseSharedKeys(env: EnvReader, keys: SessionKeyMaterial): void {
  const shared = keys.signing.some((signing) =>
    keys.encryption.some((encryption) => encryption.secret.equals(signing.secret)),
  );
  if (shared) env.reject('SESSION_SIGNING_KEYS', 'must not reuse a key of SESSION_ENCRYPTION_KEYS');
  const all = [...keys.encryption, ...keys.signing];
  if (all.some((key) => key.secret.equals(keys.lookup))) {
    env.reject(
      'SESSION_LOOKUP_KEY',
      'must not reuse a key of SESSION_ENCRYPTION_KEYS or SESSION_SIGNING_KEYS',
    );
  }
}

function readSessionKeys(env: EnvReader): SessionKeys {
  const keys = {
    encryption: readKeyring(env, 'SESSION_ENCRYPTION_KEYS', PURPOSES.encryption),
    signing: readKeyring(env, 'SESSION_SIGNING_KEYS', PURPOSES.signing),
    lookup: readLookupKey(env),
  };
  refuseSharedKeys(env, keys);
  return new SessionKeys(keys);
}

function readCookieConfig(env: EnvReader): SessionCookieConfig {
  const secure = env.boolean('SESSION_COOKIE_SECURE', env.isProduction);
  if (env.isProduction && !secure) {
    env.reject('SESSION_COOKIE_SECURE', 'cannot be false when NODE_ENV=production');
  }
  return { secure };
}

function readSessionSettings(env: EnvReader): SessionSettings {
  const settings = {
    ttlSeconds: env.integer('SESSION_TTL_SECONDS', DAY_SECONDS, { min: 60, max: 365 * DAY_SECONDS }),
    maxLifetimeSeconds: env.integer('SESSION_MAX_LIFETIME_SECONDS', 30 * DAY_SECONDS, {
      min: 60,
      max: 365 * DAY_SECONDS,
    }),
    maxPerUser: env.integer('SESSION_MAX_PER_USER', 20, { min: 1, max: 1_000 }),
    sweepIntervalMs: env.integer('SESSION_SWEEP_INTERVAL_MS', 60_000, { min: 1_000, max: 3_600_000 }),
    pruneIntervalMs: env.integer('SESSION_PRUNE_INTERVAL_MS', 300_000, {
      min: 1_000,
      max: DAY_SECONDS * 1000,
    }),
    touchIntervalSeconds: env.integer('SESSION_TOUCH_INTERVAL_SECONDS', 60, { min: 0, max: 3_600 }),
  };
  if (settings.ttlSeconds > settings.maxLifetimeSeconds) {
    env.reject('SESSION_TTL_SECONDS', 'must not exceed SESSION_MAX_LIFETIME_SECONDS');
  }
  if (settings.touchIntervalSeconds >= settings.ttlSeconds) {
    env.reject('SESSION_TOUCH_INTERVAL_SECONDS', 'must be shorter than SESSION_TTL_SECONDS');
  }
  return settings;
}

/** A client id as the provider lists it (`know-foolery-web`, `312345678901234999@know-foolery`). */
const CLIENT_ID = /^[A-Za-z0-9._@:-]+$/;
/** Zitadel generates 64-character client secrets; anything much shorter is a typo or a placeholder. */
const MIN_CLIENT_SECRET_BYTES = 16;

/** Required with AUTH_PROVIDER=oidc (the shared auth section reports any other value of it). */
function readOidcClient(env: EnvReader): OidcClientCredentials | null {
  if (env.optionalString('AUTH_PROVIDER') !== 'oidc') return null;
  const idName = 'OIDC_CLIENT_ID';
  const secretName = 'OIDC_CLIENT_SECRET';
  const clientId = env.optionalString(idName);
  if (clientId === undefined) env.reject(idName, 'is required when AUTH_PROVIDER=oidc');
  else if (!CLIENT_ID.test(clientId)) env.reject(idName, `expected a client id, got "${clientId}"`);
  if (env.optionalString(secretName) === undefined) {
    env.reject(secretName, 'is required when AUTH_PROVIDER=oidc');
    return null;
  }
  return new OidcClientCredentials(clientId ?? '', env.secret(secretName, '', MIN_CLIENT_SECRET_BYTES));
}

export function loadConfig(source: EnvSource): SessionServiceConfig {
  return loadServiceConfig(source, 'session', (env) => ({
    sessions: readSessionSettings(env),
    keys: readSessionKeys(env),
    cookie: readCookieConfig(env),
    oidcClient: readOidcClient(env),
    redis: readRedisConfig(env),
  }));
}
