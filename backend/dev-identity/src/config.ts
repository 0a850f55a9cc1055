import { EnvReader, type EnvSource } from '@know-foolery/shared/config';
import { DEFAULT_REDIRECTS } from './provider/dev-clients.js';
import { DEFAULT_DEV_IDENTITY_PORT } from './seed.js';

export interface DevIdentityConfig {
  readonly port: number;
  readonly host: string;
  readonly issuer: string;
  readonly accessTokenTtlSeconds: number;
  readonly refreshTokenTtlSeconds: number;
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
}

function urlList(reader: EnvReader, name: string, defaults: readonly string[]): readonly string[] {
  const values = reader.list(name, defaults);
  for (const value of values) {
    if (!URL.canParse(value)) reader.reject(name, `expected comma-separated URLs, got "${value}"`);
  }
  if (values.length === 0) reader.reject(name, 'expected at least one URL');
  return values;
}

/**
 * The process's settings, all checked at once. It refuses to run with NODE_ENV=production: its users,
 * passwords, TOTP secret and client secrets are public.
 */
export function readDevIdentityConfig(env: EnvSource): DevIdentityConfig {
  const reader = new EnvReader(env);
  if (reader.isProduction) {
    reader.reject(
      'NODE_ENV',
      'the development identity provider never runs in production (its secrets are public)',
    );
  }
  const port = reader.port('DEV_IDENTITY_PORT', DEFAULT_DEV_IDENTITY_PORT);
  const config: DevIdentityConfig = {
    port,
    host: reader.string('HOST', '127.0.0.1'),
    issuer: reader.url('DEV_IDENTITY_ISSUER', `http://localhost:${port}`, ['http:', 'https:']),
    accessTokenTtlSeconds: reader.integer('DEV_IDENTITY_ACCESS_TOKEN_TTL_SECONDS', 3600, {
      min: 1,
      max: 86_400,
    }),
    refreshTokenTtlSeconds: reader.integer('DEV_IDENTITY_REFRESH_TOKEN_TTL_SECONDS', 30 * 86_400, {
      min: 1,
      max: 365 * 86_400,
    }),
    redirectUris: urlList(reader, 'DEV_IDENTITY_REDIRECT_URIS', DEFAULT_REDIRECTS.redirectUris),
    postLogoutRedirectUris: urlList(
      reader,
      'DEV_IDENTITY_POST_LOGOUT_REDIRECT_URIS',
      DEFAULT_REDIRECTS.postLogoutRedirectUris,
    ),
  };
  reader.done();
  return config;
}
