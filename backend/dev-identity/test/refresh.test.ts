import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_USERS, type DevIdentityProvider, ROLES_CLAIM, startDevIdentityProvider } from '../src/index.js';
import { signInForTokens, tokenSetOf } from './sign-in.js';
import { jsonOf, refresh } from './token-requests.js';

const ACCESS_TOKEN_TTL_SECONDS = 5;

describe('refresh tokens', () => {
  let provider: DevIdentityProvider;
  beforeAll(async () => {
    provider = await startDevIdentityProvider({ accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS });
  });
  afterAll(() => provider.stop());

  it('issues access tokens with the configured short lifetime', async () => {
    const tokens = await signInForTokens(provider, provider.clients.web, DEV_USERS.player);
    const claims = decodeJwt(tokens.access_token);

    expect(tokens.expires_in).toBe(ACCESS_TOKEN_TTL_SECONDS);
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(ACCESS_TOKEN_TTL_SECONDS);
  });

  it('rotates the refresh token on every use and refuses the used one', async () => {
    const tokens = await signInForTokens(provider, provider.clients.web, DEV_USERS.player);
    const first = tokens.refresh_token ?? '';

    const refreshed = await refresh(provider, provider.clients.web, first);
    expect(refreshed.status).toBe(200);
    const next = tokenSetOf(await refreshed.json());
    expect(next.refresh_token).toEqual(expect.any(String));
    expect(next.refresh_token).not.toBe(first);
    expect(decodeJwt(next.access_token)).toMatchObject({
      sub: DEV_USERS.player.id,
      [ROLES_CLAIM]: { player: expect.any(Object) },
    });

    const reused = await refresh(provider, provider.clients.web, first);
    expect(reused.status).toBe(400);
    expect(await jsonOf(reused)).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a refresh token presented by another client', async () => {
    const tokens = await signInForTokens(provider, provider.clients.web, DEV_USERS.player);

    const response = await refresh(provider, provider.clients.opaqueWeb, tokens.refresh_token ?? '');

    expect(response.status).toBe(400);
    expect(await jsonOf(response)).toMatchObject({ error: 'invalid_grant' });
  });
});
