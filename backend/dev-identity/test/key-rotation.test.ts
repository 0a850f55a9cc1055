import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_USERS, type DevIdentityProvider, startDevIdentityProvider } from '../src/index.js';
import { signInForTokens, tokenSetOf } from './sign-in.js';
import { endpoint, jsonOf, publishedKeyIds, refresh, verifyWithPublishedKeys } from './token-requests.js';

function kidOf(token: string): string | undefined {
  return decodeProtectedHeader(token).kid;
}

describe('signing key rotation without a restart', () => {
  let provider: DevIdentityProvider;
  beforeAll(async () => {
    provider = await startDevIdentityProvider();
  });
  afterAll(() => provider.stop());

  it('signs with the key published before, keeps the old key published, and keeps sessions', async () => {
    const [current, next] = await publishedKeyIds(provider);
    const before = await signInForTokens(provider, provider.clients.web, DEV_USERS.player);
    expect(kidOf(before.access_token)).toBe(current);
    expect(kidOf(before.id_token ?? '')).toBe(current);

    await provider.rotateSigningKey();

    const published = await publishedKeyIds(provider);
    expect(published).toHaveLength(3);
    expect(published.slice(0, 1)).toEqual([next]);
    expect(published).toContain(current);

    const after = await signInForTokens(provider, provider.clients.web, DEV_USERS.player);
    expect(kidOf(after.access_token)).toBe(next);
    expect(kidOf(after.id_token ?? '')).toBe(next);

    await expect(verifyWithPublishedKeys(provider, before.access_token)).resolves.toMatchObject({
      sub: DEV_USERS.player.id,
    });
    await expect(verifyWithPublishedKeys(provider, before.id_token ?? '')).resolves.toMatchObject({
      sub: DEV_USERS.player.id,
    });

    const refreshed = await refresh(provider, provider.clients.web, before.refresh_token ?? '');
    expect(refreshed.status).toBe(200);
    expect(kidOf(tokenSetOf(await refreshed.json()).access_token)).toBe(next);
  });

  it('rotates through the development route too, answering the new signing key id', async () => {
    const [, upcoming] = await publishedKeyIds(provider);

    const response = await fetch(endpoint(provider, '/dev/keys/rotate'), { method: 'POST' });

    expect(response.status).toBe(200);
    expect(await jsonOf(response)).toEqual({ signingKeyId: upcoming });
    const tokens = await signInForTokens(provider, provider.clients.web, DEV_USERS.player);
    expect(kidOf(tokens.access_token)).toBe(upcoming);

    const wrongMethod = await fetch(endpoint(provider, '/dev/keys/rotate'));
    expect(wrongMethod.status).toBe(405);
    await wrongMethod.body?.cancel();
  });

  it('keeps at most three retired keys published', async () => {
    for (let rotation = 0; rotation < 4; rotation += 1) await provider.rotateSigningKey();

    expect(await publishedKeyIds(provider)).toHaveLength(5);
  });
});
