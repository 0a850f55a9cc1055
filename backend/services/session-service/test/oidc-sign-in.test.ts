import { DEV_USERS } from '@know-foolery/dev-identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignInSessionBody } from '../src/contract/internal.js';
import { type SignInTokens, signInAtIssuer } from './oidc-browser.js';
import {
  type OidcSessionService,
  startOidcSessionService,
  startTestIssuer,
  TestGateway,
  type TestIssuer,
  text,
} from './oidc-harness.js';
import { refreshAtIssuer } from './oidc-issuer-calls.js';

function signInBody(tokens: SignInTokens, overrides: Partial<SignInSessionBody> = {}): SignInSessionBody {
  return {
    accessToken: tokens.accessToken,
    accessTokenExpiresAt: tokens.accessTokenExpiresAt.toISOString(),
    refreshToken: tokens.refreshToken,
    idToken: tokens.idToken,
    authenticatedAt: tokens.authenticatedAt.toISOString(),
    authMethods: [...tokens.authMethods],
    client: 'Firefox on Linux',
    ...overrides,
  };
}

/** The last character of a JWT's signature changed: the token no longer verifies. */
function forged(token: string): string {
  return `${token.slice(0, -2)}${token.at(-2) === 'A' ? 'B' : 'A'}${token.slice(-1)}`;
}

describe('signing in with OpenID Connect (the gateway hands session-service the tokens)', () => {
  let issuer: TestIssuer;
  let service: OidcSessionService;
  let gateway: TestGateway;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    service = await startOidcSessionService(issuer, { kind: 'memory' });
    gateway = new TestGateway(issuer.url);
  });

  afterAll(async () => {
    await service?.stop();
    await issuer?.stop();
  });

  it('opens a session that records how the player authenticated, and resolve answers it', async () => {
    const tokens = await signInAtIssuer(issuer.url, DEV_USERS.admin);
    expect(tokens.authMethods).toEqual(expect.arrayContaining(['pwd', 'otp', 'mfa']));

    const signedIn = await gateway.signIn(service, signInBody(tokens));
    expect(signedIn.status).toBe(201);
    expect(Object.keys(signedIn.body).sort()).toEqual(['csrfToken', 'expiresAt', 'handle']);
    expect(signedIn.setCookie).toMatch(/^kf_session=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/);
    const cookie = signedIn.cookie ?? '';

    const resolved = await gateway.resolve(service, cookie);
    expect(resolved.status).toBe(200);
    expect(resolved.body).toEqual({
      handle: signedIn.body.handle,
      userId: DEV_USERS.admin.id,
      roles: ['player', 'admin'],
      // Who the session is comes from the verified access token, and Zitadel's carry no profile claims.
      name: null,
      accessToken: tokens.accessToken,
      csrfToken: signedIn.body.csrfToken,
      expiresAt: signedIn.body.expiresAt,
      authMethods: [...tokens.authMethods],
      authenticatedAt: tokens.authenticatedAt.toISOString(),
    });
    const stored = await service.deps.store.find(text(signedIn, 'handle'));
    expect(stored?.credentials).toMatchObject({ refreshToken: tokens.refreshToken, idToken: tokens.idToken });
    expect(stored?.client).toBe('Firefox on Linux');
    expect(issuer.proxy.refreshGrants).toBe(0);
  });

  it('records a password-only sign-in as such', async () => {
    const tokens = await signInAtIssuer(issuer.url, DEV_USERS.player);
    const signedIn = await gateway.signIn(service, signInBody(tokens, { client: null }));
    const resolved = await gateway.resolve(service, signedIn.cookie ?? '');
    expect(resolved.body).toMatchObject({ roles: ['player'], authMethods: ['pwd'] });
  });

  it('shows the name the gateway read from the ID token, and keeps it when the access token is renewed', async () => {
    const tokens = await signInAtIssuer(issuer.url, DEV_USERS.admin);
    // Inside the renewal window: the first resolve renews the access token, which names nobody.
    const aboutToExpire = new Date(Date.now() + 30_000).toISOString();
    const signedIn = await gateway.signIn(
      service,
      signInBody(tokens, { name: 'Ada Admin', accessTokenExpiresAt: aboutToExpire }),
    );
    expect(signedIn.status).toBe(201);
    const refreshes = issuer.proxy.refreshGrants;

    const resolved = await gateway.resolve(service, signedIn.cookie ?? '');
    expect(issuer.proxy.refreshGrants).toBe(refreshes + 1);
    expect(resolved.body.accessToken).not.toBe(tokens.accessToken);
    expect(resolved.body.name).toBe('Ada Admin');
    expect((await service.deps.store.find(text(signedIn, 'handle')))?.name).toBe('Ada Admin');
  });

  it.each([
    ['too long', 'n'.repeat(65)],
    ['empty', ''],
    ['holding a control character', 'Pat\u0007Player'],
  ])('refuses a name %s, 400 VALIDATION_FAILED, and opens no session', async (_, name) => {
    const tokens = await signInAtIssuer(issuer.url, DEV_USERS.player);
    const before = await service.deps.store.listByUser(DEV_USERS.player.id);
    const refused = await gateway.signIn(service, signInBody(tokens, { name }));
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(await service.deps.store.listByUser(DEV_USERS.player.id)).toHaveLength(before.length);
  });

  it('refuses an access token that does not verify, or is not a person’s, 401 ACCESS_TOKEN_INVALID', async () => {
    const tokens = await signInAtIssuer(issuer.url, DEV_USERS.player);
    const stranger = await startOidcSessionService(issuer, { kind: 'memory' });
    try {
      for (const accessToken of [forged(tokens.accessToken), await gateway.token(), 'opaque-and-unknown']) {
        const refused = await gateway.signIn(stranger, signInBody(tokens, { accessToken }));
        expect(refused.status).toBe(401);
        expect(refused.body.code).toBe('ACCESS_TOKEN_INVALID');
        expect(refused.setCookie).toBeNull();
      }
      expect(await stranger.deps.store.listByUser(DEV_USERS.player.id)).toEqual([]);
    } finally {
      await stranger.stop();
    }
  });

  it('lets only a service identity sign in or out: none is 401, a person’s token 403', async () => {
    const tokens = await signInAtIssuer(issuer.url, DEV_USERS.player);
    for (const path of ['/internal/v1/sessions/sign-in', '/internal/v1/sessions/sign-out']) {
      const body = path.endsWith('sign-in') ? signInBody(tokens) : { cookie: 'anything' };
      const anonymous = await fetch(new URL(path, service.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(anonymous.status).toBe(401);
      const person = await gateway.post(service, path, body, tokens.accessToken);
      expect(person.status).toBe(403);
      expect(person.body.code).toBe('FORBIDDEN');
    }
    expect(await service.deps.store.listByUser(DEV_USERS.player.id)).toHaveLength(1);
  });

  it('signs out: the session ends, its refresh token is revoked at the issuer, its ID token comes back', async () => {
    const tokens = await signInAtIssuer(issuer.url, DEV_USERS.player);
    const { cookie } = await gateway.signIn(service, signInBody(tokens));

    const signedOut = await gateway.signOut(service, cookie ?? '');
    expect(signedOut.status).toBe(200);
    expect(signedOut.body).toEqual({ idToken: tokens.idToken });
    expect(signedOut.setCookie).toMatch(/^kf_session=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax$/);
    expect((await gateway.resolve(service, cookie ?? '')).status).toBe(401);
    expect(await refreshAtIssuer(issuer.url, tokens.refreshToken)).toBe('invalid_grant');

    const again = await gateway.signOut(service, cookie ?? '');
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ idToken: null });
    expect(again.setCookie).toMatch(/^kf_session=; Max-Age=0;/);
    expect((await gateway.signOut(service, 'not-a-session-cookie')).body).toEqual({ idToken: null });
    expect(JSON.stringify(service.logs)).not.toContain(tokens.refreshToken);
  });

  it('signs out while the issuer is down: the session ends all the same, the failed revocation logged', async () => {
    const tokens = await signInAtIssuer(issuer.url, DEV_USERS.player);
    const { cookie, body } = await gateway.signIn(service, signInBody(tokens));
    service.logs.length = 0;
    issuer.proxy.down = true;
    try {
      const signedOut = await gateway.signOut(service, cookie ?? '');
      expect(signedOut.status).toBe(200);
      expect(signedOut.body).toEqual({ idToken: tokens.idToken });
    } finally {
      issuer.proxy.down = false;
    }
    expect((await gateway.resolve(service, cookie ?? '')).status).toBe(401);
    expect(service.logs).toEqual([
      expect.objectContaining({ event: 'refresh_token_revocation_failed', handle: body.handle, level: 40 }),
    ]);
    expect(JSON.stringify(service.logs)).not.toContain(tokens.refreshToken);
  });

  it('ends, and revokes at the issuer, the session a sign-in replaces and the oldest beyond the limit', async () => {
    const limited = await startOidcSessionService(issuer, { kind: 'memory' }, { SESSION_MAX_PER_USER: '2' });
    try {
      const first = await signInAtIssuer(issuer.url, DEV_USERS.player);
      const replaced = await gateway.signIn(limited, signInBody(first));
      const second = await signInAtIssuer(issuer.url, DEV_USERS.player);
      const rotated = await gateway.signIn(limited, signInBody(second, { cookie: replaced.cookie ?? '' }));
      expect(rotated.status).toBe(201);
      expect(rotated.body.handle).not.toBe(replaced.body.handle);
      expect((await gateway.resolve(limited, replaced.cookie ?? '')).status).toBe(401);
      expect(await refreshAtIssuer(issuer.url, first.refreshToken)).toBe('invalid_grant');

      const third = await signInAtIssuer(issuer.url, DEV_USERS.player);
      const kept = await gateway.signIn(limited, signInBody(third));
      const fourth = await signInAtIssuer(issuer.url, DEV_USERS.player);
      const newest = await gateway.signIn(limited, signInBody(fourth));
      expect((await gateway.resolve(limited, rotated.cookie ?? '')).status).toBe(401);
      expect(await refreshAtIssuer(issuer.url, second.refreshToken)).toBe('invalid_grant');
      for (const alive of [kept, newest])
        expect((await gateway.resolve(limited, alive.cookie ?? '')).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });

  it("ends every session of a user for an admin's action and revokes each refresh token", async () => {
    const sessions = await Promise.all(
      [0, 1].map(async () => {
        const tokens = await signInAtIssuer(issuer.url, DEV_USERS.admin);
        return { tokens, cookie: (await gateway.signIn(service, signInBody(tokens))).cookie ?? '' };
      }),
    );
    const ended = await gateway.post(service, `/internal/v1/users/${DEV_USERS.admin.id}/sessions/end`, {
      reason: 'deactivated',
    });
    expect(ended.status).toBe(200);
    expect(ended.body.ended).toBeGreaterThanOrEqual(2);
    for (const { tokens, cookie } of sessions) {
      expect((await gateway.resolve(service, cookie)).status).toBe(401);
      expect(await refreshAtIssuer(issuer.url, tokens.refreshToken)).toBe('invalid_grant');
    }
  });
});
