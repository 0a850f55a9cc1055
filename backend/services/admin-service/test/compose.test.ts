import { DEV_CLIENTS, DEV_PROJECT_ID, DEV_USERS, startDevIdentityProvider } from '@know-foolery/dev-identity';
import { createAuth } from '@know-foolery/shared/auth';
import { ConfigError } from '@know-foolery/shared/config';
import { TEST_AUTH_CONFIG, testAuth } from '@know-foolery/shared/testing';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { composeService } from '../src/compose.js';
import { playerManagement } from '../src/compose-players.js';
import { loadConfig } from '../src/config.js';
import { closedPortUrl } from './downstream-stub.js';

/** What AUTH_PROVIDER=oidc needs besides admin-service's own variables. */
const OIDC = {
  NODE_ENV: 'test',
  AUTH_PROVIDER: 'oidc',
  ZITADEL_ISSUER: 'http://localhost:3010',
  ZITADEL_PROJECT_ID: '300000000000000001',
  ZITADEL_USER_CLIENT_IDS: 'know-foolery-web',
  ZITADEL_SERVICE_CLIENT_ID: DEV_CLIENTS.machine.clientId,
  ZITADEL_SERVICE_CLIENT_SECRET: DEV_CLIENTS.machine.clientSecret,
};

describe('admin-service configuration', () => {
  it('finds question-service, game-service and session-service on their platform ports by default', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(config).toMatchObject({
      server: { port: 3006 },
      questionServiceUrl: 'http://127.0.0.1:3002',
      gameServiceUrl: 'http://127.0.0.1:3001',
      sessionServiceUrl: 'http://127.0.0.1:3005',
      zitadelApiUrl: null,
      importTimeoutMs: 120_000,
    });
  });

  it("reads Zitadel's API as an origin, calling it at the issuer when none is given", () => {
    expect(loadConfig(OIDC).zitadelApiUrl).toBeNull();
    expect(loadConfig({ ...OIDC, ZITADEL_API_URL: 'https://zitadel.example.com/' }).zitadelApiUrl).toBe(
      'https://zitadel.example.com',
    );
  });

  it.each([
    [{ QUESTION_SERVICE_URL: 'ftp://questions' }, 'QUESTION_SERVICE_URL'],
    [{ SESSION_SERVICE_URL: 'not a url' }, 'SESSION_SERVICE_URL'],
    [{ QUESTION_IMPORT_TIMEOUT_MS: '10' }, 'QUESTION_IMPORT_TIMEOUT_MS'],
    [{ ZITADEL_API_URL: 'ftp://zitadel.example.com' }, 'ZITADEL_API_URL'],
    [{ ZITADEL_API_URL: 'zitadel.example.com' }, 'ZITADEL_API_URL'],
    [{ ZITADEL_API_URL: 'https://zitadel.example.com/api' }, 'ZITADEL_API_URL'],
    [{ ZITADEL_API_URL: 'https://zitadel.example.com?org=1' }, 'ZITADEL_API_URL'],
    [{ ...OIDC, ZITADEL_ROLE_MAP: 'player=player' }, 'ZITADEL_ROLE_MAP'],
  ])('refuses %j, naming %s', (env, variable) => {
    expect(() => loadConfig({ NODE_ENV: 'test', ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'test', ...env })).toThrow(variable);
  });

  it('refuses plain http for Zitadel in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', ZITADEL_API_URL: 'http://zitadel.internal' })).toThrow(
      /ZITADEL_API_URL: expected a https: URL/,
    );
  });

  it('composes a live service that releases its clients; without Zitadel, there are no player routes', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      AUTH_JWT_SECRET: TEST_AUTH_CONFIG.jwtSecret,
      AUTH_ISSUER: TEST_AUTH_CONFIG.issuer,
      AUTH_AUDIENCE: TEST_AUTH_CONFIG.audience,
    });
    const started = await composeService(config, pino({ level: 'silent' }));
    try {
      const live = await started.app.inject({ method: 'GET', url: '/health/live' });
      expect(live.statusCode).toBe(200);
      expect(live.json().service).toBe('admin-service');
      const ready = await started.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.json().circuits).toEqual({
        'question-service': 'closed',
        'question-service-imports': 'closed',
        'game-service': 'closed',
      });
      const player = await started.app.inject({
        method: 'GET',
        url: '/api/v1/admin/players/300000000000000101',
        headers: { authorization: await testAuth().bearer('root', ['admin']) },
      });
      expect(player.statusCode).toBe(404);
      expect(player.json().code).toBe('ROUTE_NOT_FOUND');
    } finally {
      await started.app.close();
      await started.release();
    }
  });

  it("composes, with AUTH_PROVIDER=oidc, player management on Zitadel as the platform's machine user", async () => {
    const provider = await startDevIdentityProvider();
    try {
      const config = loadConfig({
        ...OIDC,
        ZITADEL_ISSUER: provider.issuer,
        ZITADEL_PROJECT_ID: DEV_PROJECT_ID,
        SESSION_SERVICE_URL: await closedPortUrl(),
      });
      const started = await composeService(config, pino({ level: 'silent' }));
      try {
        const ready = await started.app.inject({ method: 'GET', url: '/health/ready' });
        expect(ready.json().circuits).toMatchObject({ zitadel: 'closed', 'session-service': 'closed' });
      } finally {
        await started.app.close();
        await started.release();
      }
      // The user directory as composed: Zitadel at the issuer, tokens by client credentials from it.
      const players = playerManagement(config, createAuth(config.auth));
      if (players === null) throw new Error('AUTH_PROVIDER=oidc manages players');
      try {
        expect(await players.deps.users.getUser(DEV_USERS.player.id, {})).toMatchObject({
          id: DEV_USERS.player.id,
          username: 'player',
          state: 'active',
        });
      } finally {
        await Promise.all(Object.values(players.clients).map((client) => client.close()));
      }
    } finally {
      await provider.stop();
    }
  });
});
