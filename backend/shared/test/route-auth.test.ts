import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAccess, playerAccess } from '../src/auth/index.js';
import { createServiceApp, type ServiceApp } from '../src/http-server/index.js';
import { badTokens } from '../src/testing/bad-tokens.js';
import { testAuth } from '../src/testing/tokens.js';

const auth = testAuth();
const forgedOrBroken = await badTokens();

describe('who may call a route', () => {
  let app: ServiceApp;

  beforeAll(async () => {
    app = createServiceApp({ service: 'probe-service', version: 'test', auth: auth.provider });
    app.get('/for-admins', { config: { auth: adminAccess } }, async () => ({ ok: true }));
    app.get('/for-players', { config: { auth: playerAccess } }, async () => ({ ok: true }));
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
  });

  const call = (url: string, authorization: string) =>
    app.inject({ method: 'GET', url, headers: { authorization } });

  it('lets a caller holding two roles through every route one of them opens', async () => {
    const both = await auth.bearer('carol', ['admin', 'player']);
    expect((await call('/for-admins', both)).statusCode).toBe(200);
    expect((await call('/for-players', both)).statusCode).toBe(200);
  });

  it('keeps a player out of an admin route', async () => {
    const response = await call('/for-admins', await auth.playerToken('dave'));
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'FORBIDDEN' });
  });

  it.each(forgedOrBroken)('refuses %s with 401 problem+json', async (_case, authorization) => {
    const response = await call('/for-players', authorization);
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
