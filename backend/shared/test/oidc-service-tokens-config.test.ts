import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createAuth, serviceIdentity } from '../src/auth/index.js';
import {
  ConfigError,
  type EnvSource,
  loadServiceConfig,
  SERVICE_NAMES,
  SERVICES_WITH_OWN_IDENTITY,
  type ServiceName,
} from '../src/config/index.js';

const OIDC: EnvSource = {
  AUTH_PROVIDER: 'oidc',
  ZITADEL_ISSUER: 'https://know-foolery.zitadel.example',
  ZITADEL_PROJECT_ID: '312345678901234567',
  ZITADEL_USER_CLIENT_IDS: '312345678901234999@know-foolery',
};
const CREDENTIALS: EnvSource = {
  ZITADEL_SERVICE_CLIENT_ID: 'know-foolery-services',
  ZITADEL_SERVICE_CLIENT_SECRET: 'machine-secret-0123456789abcdef',
};

function problemsOf(source: EnvSource, service: ServiceName): readonly string[] {
  try {
    loadServiceConfig(source, service, () => ({}));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("the machine user's client credentials (ZITADEL_SERVICE_CLIENT_ID and _SECRET)", () => {
  it('are read with the oidc provider', () => {
    const config = loadServiceConfig({ ...OIDC, ...CREDENTIALS }, 'game', () => ({}));
    expect(config.auth).toMatchObject({
      provider: 'oidc',
      serviceCredentials: {
        clientId: 'know-foolery-services',
        clientSecret: 'machine-secret-0123456789abcdef',
      },
    });
  });

  it.each(SERVICES_WITH_OWN_IDENTITY)(
    'are required by %s-service, which calls others as itself',
    (service) => {
      expect(problemsOf(OIDC, service)).toEqual([
        `ZITADEL_SERVICE_CLIENT_ID: is required when AUTH_PROVIDER=oidc: ${service}-service calls other services as itself`,
      ]);
    },
  );

  it.each(SERVICE_NAMES.filter((service) => !SERVICES_WITH_OWN_IDENTITY.includes(service)))(
    'are not needed by %s-service, which only answers',
    (service) => {
      const config = loadServiceConfig(OIDC, service, () => ({}));
      expect(config.auth).toMatchObject({ provider: 'oidc', serviceCredentials: null });
      expect(() => serviceIdentity(createAuth(config.auth), service)).toThrow(
        `no service identity is available for ${service}: set ZITADEL_SERVICE_CLIENT_ID and ZITADEL_SERVICE_CLIENT_SECRET`,
      );
    },
  );

  it('are not asked for with the mock provider', () => {
    expect(problemsOf({}, 'game')).toEqual([]);
  });

  it.each([
    [
      { ZITADEL_SERVICE_CLIENT_ID: 'know-foolery-services' },
      'ZITADEL_SERVICE_CLIENT_SECRET: is required with ZITADEL_SERVICE_CLIENT_ID',
    ],
    [
      { ZITADEL_SERVICE_CLIENT_SECRET: 'machine-secret-0123456789abcdef' },
      'ZITADEL_SERVICE_CLIENT_SECRET: is set without ZITADEL_SERVICE_CLIENT_ID',
    ],
    [
      { ...CREDENTIALS, ZITADEL_SERVICE_CLIENT_ID: 'has spaces' },
      'ZITADEL_SERVICE_CLIENT_ID: expected a client id, got "has spaces"',
    ],
    [
      { ...CREDENTIALS, ZITADEL_SERVICE_CLIENT_SECRET: 'too-short' },
      'ZITADEL_SERVICE_CLIENT_SECRET: must be at least 16 bytes long',
    ],
  ])('refuses %j, naming the variable and never the secret', (variables, problem) => {
    const problems = problemsOf({ ...OIDC, ...variables }, 'user');
    expect(problems).toEqual([problem]);
    expect(problems.join()).not.toContain('too-short');
  });

  it('are declared needed by every service whose code asks for a service identity', () => {
    const services = fileURLToPath(new URL('../../services/', import.meta.url));
    const callers = readdirSync(services, { recursive: true, encoding: 'utf8' })
      .filter((path) => /^[\w-]+-service\/src\/.*\.ts$/.test(path))
      .flatMap((path) => [
        ...readFileSync(`${services}${path}`, 'utf8').matchAll(/serviceIdentity\(\w+, '(\w+)'\)/g),
      ])
      .map((match) => match[1]);
    expect(new Set(callers).size).toBeGreaterThanOrEqual(3);
    expect(SERVICES_WITH_OWN_IDENTITY).toEqual(expect.arrayContaining(callers));
  });
});
