import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../src/provider/memory-adapter.js';

describe('the in-memory oidc-provider storage', () => {
  it('finds what it stored, and nothing once it has expired', async () => {
    const store = new MemoryStore();
    const tokens = store.adapterFor('AccessToken');

    await tokens.upsert('live', { jti: 'live' }, 60);
    await tokens.upsert('expired', { jti: 'expired' }, 0);

    expect(await tokens.find('live')).toEqual({ jti: 'live' });
    expect(await tokens.find('expired')).toBeUndefined();
    expect(await store.adapterFor('RefreshToken').find('live')).toBeUndefined();
  });

  it('marks a record consumed, and destroys it', async () => {
    const codes = new MemoryStore().adapterFor('AuthorizationCode');
    await codes.upsert('code', { jti: 'code' }, 60);

    await codes.consume('code');
    expect(await codes.find('code')).toMatchObject({ consumed: expect.any(Number) });

    await codes.destroy('code');
    expect(await codes.find('code')).toBeUndefined();
  });

  it('finds a session by its uid', async () => {
    const sessions = new MemoryStore().adapterFor('Session');
    await sessions.upsert('session-id', { jti: 'session-id', uid: 'the-uid' }, 60);

    expect(await sessions.findByUid('the-uid')).toMatchObject({ jti: 'session-id' });
    expect(await sessions.findByUid('another-uid')).toBeUndefined();
  });

  it('revokes every token of a grant, and only those', async () => {
    const store = new MemoryStore();
    const accessTokens = store.adapterFor('AccessToken');
    const refreshTokens = store.adapterFor('RefreshToken');
    await accessTokens.upsert('at-1', { jti: 'at-1', grantId: 'grant-1' }, 60);
    await refreshTokens.upsert('rt-1', { jti: 'rt-1', grantId: 'grant-1' }, 60);
    await accessTokens.upsert('at-2', { jti: 'at-2', grantId: 'grant-2' }, 60);

    await accessTokens.revokeByGrantId('grant-1');

    expect(await accessTokens.find('at-1')).toBeUndefined();
    expect(await refreshTokens.find('rt-1')).toBeUndefined();
    expect(await accessTokens.find('at-2')).toEqual({ jti: 'at-2', grantId: 'grant-2' });
  });

  it('sweeps expired records as it writes, keeping the live ones and their grant', async () => {
    const store = new MemoryStore();
    const tokens = store.adapterFor('AccessToken');
    await tokens.upsert('live', { jti: 'live', grantId: 'grant' }, 60);
    for (let write = 0; write < 300; write += 1)
      await tokens.upsert(`expired-${write}`, { jti: 'x', grantId: 'grant' }, 0);

    expect(await tokens.find('live')).toEqual({ jti: 'live', grantId: 'grant' });
    await tokens.revokeByGrantId('grant');
    expect(await tokens.find('live')).toBeUndefined();
  });
});
