import {
  type BaseServiceConfig,
  ConfigError,
  type EnvReader,
  type EnvSource,
  loadServiceConfig,
  readServiceClientConfig,
  readServiceUrl,
  type ServiceClientConfig,
} from '@know-foolery/shared/config';

export interface AdminServiceConfig extends BaseServiceConfig {
  readonly questionServiceUrl: string;
  readonly gameServiceUrl: string;
  readonly sessionServiceUrl: string;
  /**
   * Zitadel's API (ZITADEL_API_URL), for player accounts with AUTH_PROVIDER=oidc; null: the
   * issuer's, where Zitadel serves both.
   */
  readonly zitadelApiUrl: string | null;
  readonly serviceClient: ServiceClientConfig;
  /** A question import parses and stores up to 8 MiB: it may take far longer than an ordinary call. */
  readonly importTimeoutMs: number;
}

/** An origin (scheme, host, port): every path of Zitadel's API is absolute. Plain http outside production only. */
function readZitadelApiUrl(env: EnvReader): string | null {
  const name = 'ZITADEL_API_URL';
  const raw = env.optionalString(name);
  if (raw === undefined) return null;
  const protocols = env.isProduction ? ['https:'] : ['https:', 'http:'];
  if (!URL.canParse(raw)) {
    env.reject(name, `expected a URL, got "${raw}"`);
    return null;
  }
  const url = new URL(raw);
  if (!protocols.includes(url.protocol)) {
    env.reject(name, `expected a ${protocols.join(' or ')} URL, got "${raw}"`);
    return null;
  }
  if (url.origin !== raw.replace(/\/+$/, '')) {
    env.reject(name, `expected an origin (scheme, host and port only), got "${raw}"`);
    return null;
  }
  return url.origin;
}

export function loadConfig(source: EnvSource): AdminServiceConfig {
  const config = loadServiceConfig(source, 'admin', (env) => ({
    questionServiceUrl: readServiceUrl(env, 'question'),
    gameServiceUrl: readServiceUrl(env, 'game'),
    sessionServiceUrl: readServiceUrl(env, 'session'),
    zitadelApiUrl: readZitadelApiUrl(env),
    serviceClient: readServiceClientConfig(env),
    importTimeoutMs: env.integer('QUESTION_IMPORT_TIMEOUT_MS', 120_000, { min: 1_000, max: 600_000 }),
  }));
  // Checked once every variable has been read without a problem: the role map is read by the auth section.
  if (
    config.auth.provider === 'oidc' &&
    !config.auth.oidc.roleMap.some((role) => role.platformRole === 'admin')
  ) {
    throw new ConfigError([
      'ZITADEL_ROLE_MAP: must map a Zitadel role to admin, the role admin-service grants',
    ]);
  }
  return config;
}
