import { DEV_USERS } from '@know-foolery/dev-identity';
import { deleteKeys, findTestRedis, testKeyPrefix, waitFor } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignInSessionBody } from '../src/contract/internal.js';
import { type SignInTokens, signInAtIssuer } from './oidc-browser.js';
import {
  type OidcSessionService,
  startOidcSessionService,
  startTestIssuer,
  TestGateway,
  type TestIssuer,
  type TestStorage,
  text,
} from './oidc-harness.js';
import { refreshAtIssuer, revokeAtIssuer, userApi } from './oidc-issuer-calls.js';

const url = await findTestRedis();
const FILE = 'session-oidc-renewal';
const STORAGES: readonly TestStorage[] = [
  { kind: 'memory' },
  ...(url === null ? [] : [{ kind: 'redis', url, prefix: testKeyPrefix(FILE) } as const]),
];

/** Inside the renewal window (under a minute left) yet still valid: the next resolve renews it. */
const ABOUT_TO_EXPIRE_SECONDS = 30;

function signInBody(tokens: SignInTokens, expiresInSeconds: number): SignInSessionBody {
  return {
    accessToken: tokens.accessToken,
    // The gateway says when the token expires; session-service renews in time by the sooner of that and its `exp`.
    accessTokenExpiresAt: new Date(Date.now() + expiresInSeconds * 1000).toISOString(),
    refreshToken: tokens.refreshToken,
    idToken: tokens.idToken,
    authenticatedAt: tokens.authenticatedAt.toISOString(),
    authMethods: [...tokens.authMethods],
    client: null,
  };
}

describe.each(STORAGES)('renewing the tokens of OpenID Connect sessions kept in $kind', (storage) => {
  let issuer: TestIssuer;
  let service: OidcSessionService;
  let gateway: TestGateway;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    service = await startOidcSessionService(issuer, storage);
    gateway = new TestGateway(issuer.url);
  });

  afterAll(async () => {
    await service?.stop();
    await issuer?.stop();
    if (storage.kind === 'redis') await deleteKeys(storage.url, storage.prefix);
  });

  /** Signs the player in at the issuer and opens their session, its token expiring in `expiresInSeconds`. */
  const signedIn = async (expiresInSeconds = ABOUT_TO_EXPIRE_SECONDS, to = service) => {
    const tokens = await signInAtIssuer(issuer.url, DEV_USERS.player);
    const answer = await gateway.signIn(to, signInBody(tokens, expiresInSeconds));
    expect(answer.status).toBe(201);
    return { tokens, cookie: answer.cookie ?? '', handle: text(answer, 'handle') };
  };

  it('renews a token about to expire with the refresh token, keeps the rotated one, and the old one is dead', async () => {
    const { tokens, cookie, handle } = await signedIn();
    const before = issuer.proxy.refreshGrants;

    const resolved = await gateway.resolve(service, cookie);
    expect(resolved.status).toBe(200);
    const renewed = text(resolved, 'accessToken');
    expect(renewed).not.toBe(tokens.accessToken);
    expect(resolved.body).toMatchObject({
      userId: DEV_USERS.player.id,
      roles: ['player'],
      authMethods: ['pwd'],
    });
    expect(issuer.proxy.refreshGrants).toBe(before + 1);

    const stored = await service.deps.store.find(handle);
    expect(stored?.credentials.accessToken).toBe(renewed);
    expect(stored?.credentials.refreshToken).toEqual(expect.any(String));
    expect(stored?.credentials.refreshToken).not.toBe(tokens.refreshToken);
    expect(stored?.credentials.idToken).toEqual(expect.any(String));
    expect(stored?.renewalClaimedUntil).toBeNull();
    expect((stored?.credentials.accessTokenExpiresAt.getTime() ?? 0) - Date.now()).toBeGreaterThan(60_000);

    expect(text(await gateway.resolve(service, cookie), 'accessToken')).toBe(renewed);
    expect(issuer.proxy.refreshGrants).toBe(before + 1);
    expect(await refreshAtIssuer(issuer.url, tokens.refreshToken)).toBe('invalid_grant');
    expect(JSON.stringify(service.logs)).not.toContain(tokens.refreshToken);
  });

  it('renews once for 20 resolves that arrive together', async () => {
    const { cookie, handle } = await signedIn();
    const before = issuer.proxy.refreshGrants;
    const received = service.resolvesReceived();
    const release = issuer.proxy.holdRefreshes();
    const resolves = Array.from({ length: 20 }, () => gateway.resolve(service, cookie));
    try {
      await waitFor('the 20 resolves to arrive', async () => service.resolvesReceived() >= received + 20);
      await waitFor('the refresh to reach the issuer', async () => issuer.proxy.refreshGrants > before);
    } finally {
      release();
    }
    const answers = await Promise.all(resolves);
    const stored = await service.deps.store.find(handle);
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((answer) => text(answer, 'accessToken')))).toEqual(
      new Set([stored?.credentials.accessToken]),
    );
    expect(issuer.proxy.refreshGrants).toBe(before + 1);
  });

  it('ends the session when the issuer refuses its refresh token: 401, and it is gone', async () => {
    const { tokens, cookie, handle } = await signedIn();
    await revokeAtIssuer(issuer.url, tokens.refreshToken);
    service.logs.length = 0;

    const refused = await gateway.resolve(service, cookie);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('SESSION_INVALID');
    expect(await service.deps.store.find(handle)).toBeUndefined();
    expect((await gateway.resolve(service, cookie)).status).toBe(401);
    expect(service.logs).toEqual([
      expect.objectContaining({ event: 'session_renewal_refused', handle, level: 40 }),
    ]);
    expect(JSON.stringify(service.logs)).not.toContain(tokens.refreshToken);
  });

  it('ends the session of a user deactivated at the issuer at its next renewal', async () => {
    const { cookie, handle } = await signedIn();
    const deactivate = `/v2/users/${DEV_USERS.player.id}/deactivate`;
    expect(await userApi(issuer.url, await gateway.token(), deactivate)).toBe(200);
    try {
      expect((await gateway.resolve(service, cookie)).status).toBe(401);
      expect(await service.deps.store.find(handle)).toBeUndefined();
    } finally {
      await userApi(issuer.url, await gateway.token(), `/v2/users/${DEV_USERS.player.id}/reactivate`);
    }
  });

  it('serves the current token while the issuer is down, and renews once it is back', async () => {
    const { tokens, cookie, handle } = await signedIn();
    service.logs.length = 0;
    issuer.proxy.down = true;
    try {
      const served = await gateway.resolve(service, cookie);
      expect(served.status).toBe(200);
      expect(served.body.accessToken).toBe(tokens.accessToken);
      expect(service.logs).toEqual([
        expect.objectContaining({ event: 'session_renewal_unavailable', handle }),
      ]);
      expect((await service.deps.store.find(handle))?.renewalClaimedUntil).toBeNull();
    } finally {
      issuer.proxy.down = false;
    }
    const renewed = await gateway.resolve(service, cookie);
    expect(renewed.status).toBe(200);
    expect(renewed.body.accessToken).not.toBe(tokens.accessToken);
  });

  it('answers 503 with Retry-After when the token has expired and the issuer is down', async () => {
    const { cookie, handle } = await signedIn(-1);
    issuer.proxy.down = true;
    try {
      const unavailable = await fetch(new URL('/internal/v1/sessions/resolve', service.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await gateway.token()}` },
        body: JSON.stringify({ cookie }),
      });
      expect(unavailable.status).toBe(503);
      expect(unavailable.headers.get('retry-after')).toBe('5');
      expect(await unavailable.json()).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
      expect(await service.deps.store.find(handle)).toBeDefined();
    } finally {
      issuer.proxy.down = false;
    }
    expect((await gateway.resolve(service, cookie)).status).toBe(200);
  });

  it('keeps a session without a refresh token until its token expires, then ends it', async () => {
    const tokens = await signInAtIssuer(issuer.url, DEV_USERS.player);
    const before = issuer.proxy.refreshGrants;
    const valid = await gateway.signIn(service, {
      ...signInBody(tokens, ABOUT_TO_EXPIRE_SECONDS),
      refreshToken: null,
    });
    const served = await gateway.resolve(service, valid.cookie ?? '');
    expect(served.body.accessToken).toBe(tokens.accessToken);

    const expired = await gateway.signIn(service, { ...signInBody(tokens, -1), refreshToken: null });
    expect((await gateway.resolve(service, expired.cookie ?? '')).status).toBe(401);
    expect(await service.deps.store.find(text(expired, 'handle'))).toBeUndefined();
    expect(issuer.proxy.refreshGrants).toBe(before);
  });
});

describe.skipIf(url === null)('two session-service instances sharing Redis', () => {
  const storage: TestStorage = { kind: 'redis', url: url ?? '', prefix: testKeyPrefix(`${FILE}-shared`) };
  let issuer: TestIssuer;
  let instances: OidcSessionService[];
  let gateway: TestGateway;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    instances = [
      await startOidcSessionService(issuer, storage),
      await startOidcSessionService(issuer, storage),
    ];
    gateway = new TestGateway(issuer.url);
  });

  afterAll(async () => {
    for (const instance of instances ?? []) await instance.stop();
    await issuer?.stop();
    await deleteKeys(storage.url, storage.prefix);
  });

  it('renew a session once between them: the first to claim it refreshes, the other serves the current token', async () => {
    const [first, second] = instances;
    if (first === undefined || second === undefined) throw new Error('two instances run');
    const tokens = await signInAtIssuer(issuer.url, DEV_USERS.player);
    const signedIn = await gateway.signIn(first, signInBody(tokens, ABOUT_TO_EXPIRE_SECONDS));
    const cookie = signedIn.cookie ?? '';
    const received = first.resolvesReceived() + second.resolvesReceived();
    const release = issuer.proxy.holdRefreshes();
    const resolves = Array.from({ length: 20 }, (_, index) =>
      gateway.resolve(index % 2 === 0 ? first : second, cookie),
    );
    try {
      await waitFor(
        'the 20 resolves to arrive',
        async () => first.resolvesReceived() + second.resolvesReceived() >= received + 20,
      );
      await waitFor('the refresh to reach the issuer', async () => issuer.proxy.refreshGrants > 0);
    } finally {
      release();
    }
    const answers = await Promise.all(resolves);
    const stored = await first.deps.store.find(text(signedIn, 'handle'));
    const renewed = stored?.credentials.accessToken;
    expect(renewed).not.toBe(tokens.accessToken);
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    for (const answer of answers) expect([tokens.accessToken, renewed]).toContain(answer.body.accessToken);
    expect(issuer.proxy.refreshGrants).toBe(1);
    for (const instance of [first, second]) {
      expect(text(await gateway.resolve(instance, cookie), 'accessToken')).toBe(renewed);
    }
    expect(issuer.proxy.refreshGrants).toBe(1);
  });
});
