import { createHmac } from 'node:crypto';
import type { EnvReader } from '@know-foolery/shared/config';
import { AUTH_PATHS } from '../contract/auth.js';

/**
 * The client secret and the key that seals pending sign-ins, kept in private fields: the frozen
 * configuration lists no secret, so nothing that prints or serializes it can leak one.
 */
export class SignInSecrets {
  readonly #clientSecret: string;
  readonly #stateKey: Buffer;

  constructor(clientSecret: string, stateKey: Buffer) {
    this.#clientSecret = clientSecret;
    this.#stateKey = stateKey;
  }

  get clientSecret(): string {
    return this.#clientSecret;
  }

  get stateKey(): Buffer {
    return this.#stateKey;
  }

  toJSON(): Readonly<Record<string, string>> {
    return { clientSecret: 'set', stateKey: 'set' };
  }
}

/** The gateway as an OpenID Connect client of Zitadel (AUTH_PROVIDER=oidc); the issuer is ZITADEL_ISSUER. */
export interface SignInConfig {
  /** The web application's client id at the issuer (confidential, code flow with PKCE). */
  readonly clientId: string;
  /** The gateway's callback as the issuer knows it: the token request repeats it exactly. */
  readonly redirectUri: string;
  /** Where the issuer sends the browser after RP-initiated logout. */
  readonly postLogoutRedirectUri: string;
  readonly scopes: readonly string[];
  readonly secrets: SignInSecrets;
}

export const STATE_KEY_BYTES = 32;
/** Zitadel generates 64-character client secrets; anything much shorter is a typo or a placeholder. */
const MIN_CLIENT_SECRET_BYTES = 16;
const CLIENT_ID = /^[A-Za-z0-9._@:-]+$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/** Public on purpose: it protects nothing, and production configuration refuses it. */
export const DEVELOPMENT_STATE_KEY = createHmac(
  'sha256',
  'know-foolery development sign-in state key: public, never for production',
)
  .update('pending-sign-in')
  .digest();

const DEVELOPMENT_REDIRECT_URI = `http://localhost:3000${AUTH_PATHS.callback}`;
const DEVELOPMENT_POST_LOGOUT_REDIRECT_URI = 'http://localhost:3000/';

/** Zitadel's scopes for a project's web app: its tokens carry the project audience and its roles. */
export function defaultScopes(projectId: string): readonly string[] {
  return [
    'openid',
    'profile',
    'email',
    'offline_access',
    `urn:zitadel:iam:org:project:id:${projectId}:aud`,
    'urn:zitadel:iam:org:projects:roles',
  ];
}

function required(env: EnvReader, name: string): string | undefined {
  const value = env.optionalString(name);
  if (value === undefined) env.reject(name, 'is required when AUTH_PROVIDER=oidc');
  return value;
}

/**
 * An absolute http(s) URL kept exactly as written (the issuer compares redirect URIs character for
 * character): https in production, where it has no default.
 */
function readRedirectUrl(env: EnvReader, name: string, developmentDefault: string): string {
  const raw = env.optionalString(name);
  if (raw === undefined) {
    if (env.isProduction) env.reject(name, 'is required when NODE_ENV=production');
    return developmentDefault;
  }
  const protocols = env.isProduction ? ['https:'] : ['https:', 'http:'];
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (url === undefined || !protocols.includes(url.protocol)) {
    env.reject(name, `expected an absolute ${protocols.join(' or ')} URL, got "${raw}"`);
    return developmentDefault;
  }
  if (url.hash !== '' || url.username !== '' || url.password !== '') {
    env.reject(name, `a redirect URI has no fragment or credentials, got "${raw}"`);
  }
  return raw;
}

function readRedirectUri(env: EnvReader): string {
  const name = 'OIDC_REDIRECT_URI';
  const uri = readRedirectUrl(env, name, DEVELOPMENT_REDIRECT_URI);
  const url = new URL(uri);
  if (url.pathname !== AUTH_PATHS.callback || url.search !== '') {
    env.reject(name, `must be the gateway's ${AUTH_PATHS.callback} without a query, got "${uri}"`);
  }
  return uri;
}

function readClientSecret(env: EnvReader): string {
  const name = 'OIDC_CLIENT_SECRET';
  const secret = required(env, name) ?? '';
  if (secret !== '' && Buffer.byteLength(secret, 'utf8') < MIN_CLIENT_SECRET_BYTES) {
    env.reject(name, `must be at least ${MIN_CLIENT_SECRET_BYTES} bytes long`);
  }
  return secret;
}

/** 32 random bytes in base64url; the development key outside production only. Never echoed. */
function readStateKey(env: EnvReader): Buffer {
  const name = 'OIDC_STATE_KEY';
  const raw = env.optionalString(name);
  if (raw === undefined) {
    if (env.isProduction) env.reject(name, 'is required when NODE_ENV=production');
    return DEVELOPMENT_STATE_KEY;
  }
  const key = BASE64URL.test(raw) ? Buffer.from(raw, 'base64url') : undefined;
  if (key === undefined || key.length !== STATE_KEY_BYTES || key.toString('base64url') !== raw) {
    env.reject(
      name,
      `expected exactly ${STATE_KEY_BYTES} bytes in base64url (openssl rand 32 | basenc --base64url)`,
    );
    return DEVELOPMENT_STATE_KEY;
  }
  if (env.isProduction && key.equals(DEVELOPMENT_STATE_KEY)) {
    env.reject(name, 'the development key cannot be used when NODE_ENV=production');
  }
  return key;
}

function readScopes(env: EnvReader): readonly string[] {
  const name = 'OIDC_SCOPES';
  const raw = env.optionalString(name);
  if (raw === undefined) return defaultScopes(env.optionalString('ZITADEL_PROJECT_ID') ?? '');
  const scopes = raw.split(/\s+/).filter((scope) => scope !== '');
  if (!scopes.includes('openid')) env.reject(name, `must include openid, got "${raw}"`);
  const malformed = scopes.filter((scope) => !SCOPE.test(scope));
  if (malformed.length > 0) env.reject(name, `expected scopes separated by spaces, got "${raw}"`);
  return scopes;
}

/**
 * The sign-in settings, read only with AUTH_PROVIDER=oidc (the mock has no sign-in): every problem
 * is reported with the rest of the configuration, naming the variable.
 */
export function readSignInConfig(env: EnvReader): SignInConfig | null {
  if (env.optionalString('AUTH_PROVIDER') !== 'oidc') return null;
  const clientId = required(env, 'OIDC_CLIENT_ID') ?? '';
  if (clientId !== '' && !CLIENT_ID.test(clientId)) {
    env.reject('OIDC_CLIENT_ID', `expected a client id, got "${clientId}"`);
  }
  return {
    clientId,
    redirectUri: readRedirectUri(env),
    postLogoutRedirectUri: readRedirectUrl(
      env,
      'OIDC_POST_LOGOUT_REDIRECT_URI',
      DEVELOPMENT_POST_LOGOUT_REDIRECT_URI,
    ),
    scopes: readScopes(env),
    secrets: new SignInSecrets(readClientSecret(env), readStateKey(env)),
  };
}
