import { TestBrowser } from '@know-foolery/shared/testing';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEV_ORGANIZATION,
  DEV_USERS,
  type DevIdentityProvider,
  projectRolesClaim,
  ROLES_CLAIM,
  startDevIdentityProvider,
} from '../src/index.js';
import {
  authorizationUrl,
  exchangeCode,
  fillIn,
  open,
  type Reached,
  signIn,
  signInForTokens,
} from './sign-in.js';
import { endpoint, jsonOf, publishedKeyIds, verifyWithPublishedKeys } from './token-requests.js';

const SIGNED_OUT = 'http://localhost:3000/';
const ORG_ROLE = { [DEV_ORGANIZATION.id]: DEV_ORGANIZATION.primaryDomain };

describe('signing in with the authorization code flow and PKCE', () => {
  let provider: DevIdentityProvider;
  beforeAll(async () => {
    provider = await startDevIdentityProvider();
  });
  afterAll(() => provider.stop());

  it('signs the player in with a password: amr pwd, roles as Zitadel shapes them, kid on every token', async () => {
    const { callback, codeVerifier, state } = await signIn(
      provider,
      provider.clients.web.clientId,
      DEV_USERS.player,
    );
    expect(callback.searchParams.get('state')).toBe(state);
    expect(callback.searchParams.get('iss')).toBe(provider.issuer);

    const tokens = await exchangeCode(provider, provider.clients.web, callback, codeVerifier);
    const idToken = await verifyWithPublishedKeys(provider, tokens.id_token ?? '');
    const accessToken = await verifyWithPublishedKeys(provider, tokens.access_token);
    const playerRoles = { player: ORG_ROLE };

    expect(idToken).toMatchObject({
      sub: DEV_USERS.player.id,
      aud: provider.clients.web.clientId,
      amr: ['pwd'],
      auth_time: expect.any(Number),
      preferred_username: 'player',
      email: DEV_USERS.player.email,
      [ROLES_CLAIM]: playerRoles,
      [projectRolesClaim(provider.projectId)]: playerRoles,
    });
    expect(accessToken).toMatchObject({
      sub: DEV_USERS.player.id,
      client_id: provider.clients.web.clientId,
      aud: [provider.projectId, provider.clients.web.clientId],
      [ROLES_CLAIM]: playerRoles,
      [projectRolesClaim(provider.projectId)]: playerRoles,
    });
    expect(accessToken).not.toHaveProperty('amr');
    expect(accessToken).not.toHaveProperty('auth_time');
    const published = await publishedKeyIds(provider);
    for (const token of [tokens.id_token ?? '', tokens.access_token]) {
      const header = decodeProtectedHeader(token);
      expect(header.alg).toBe('RS256');
      expect(published).toContain(header.kid);
    }
  });

  it('asks the admin for a TOTP code after the password: amr pwd, otp, mfa and both roles', async () => {
    const tokens = await signInForTokens(provider, provider.clients.web, DEV_USERS.admin);
    const adminRoles = { player: ORG_ROLE, admin: ORG_ROLE };

    expect(decodeJwt(tokens.id_token ?? '')).toMatchObject({
      amr: ['pwd', 'otp', 'mfa'],
      [ROLES_CLAIM]: adminRoles,
    });
    expect(decodeJwt(tokens.access_token)).toMatchObject({
      [projectRolesClaim(provider.projectId)]: adminRoles,
    });
  });

  it('answers userinfo for the access token, with the roles claims', async () => {
    const tokens = await signInForTokens(provider, provider.clients.web, DEV_USERS.player, 'openid profile');
    const response = await fetch(endpoint(provider, '/oidc/v1/userinfo'), {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });

    expect(response.status).toBe(200);
    const claims = await jsonOf(response);
    expect(claims).toMatchObject({
      sub: DEV_USERS.player.id,
      name: 'Pat Player',
      [ROLES_CLAIM]: { player: ORG_ROLE },
    });
    expect(claims).not.toHaveProperty('email');
  });

  it('refuses userinfo without a token or with a forged one', async () => {
    const tokens = await signInForTokens(provider, provider.clients.web, DEV_USERS.player);
    const [header, payload] = tokens.access_token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;

    for (const authorization of [undefined, `Bearer ${forged}`, 'Bearer unknown-opaque-token']) {
      const response = await fetch(endpoint(provider, '/oidc/v1/userinfo'), {
        headers: authorization === undefined ? {} : { authorization },
      });
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error="invalid_token"/);
      await response.body?.cancel();
    }
  });

  it('issues no refresh token without offline_access', async () => {
    const tokens = await signInForTokens(provider, provider.clients.web, DEV_USERS.player, 'openid profile');

    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.id_token).toBeDefined();
  });

  it('shows the form again with an error after a wrong password, then signs in', async () => {
    const browser = new TestBrowser();
    const login = await open(browser, authorizationUrl(provider, provider.clients.web.clientId).url);

    const wrong = await fillIn(browser, login, 'password', {
      username: 'player',
      password: 'not-the-password',
    });
    expect(wrong.redirect).toBeUndefined();
    expect(wrong.html).toContain('The username or the password is wrong.');
    expect(wrong.html).toContain('name="password"');

    const right = await fillIn(browser, wrong, 'password', {
      username: DEV_USERS.player.username,
      password: DEV_USERS.player.password,
    });
    expect(right.redirect?.searchParams.get('code')).toEqual(expect.any(String));
  });

  it('shows the code form again after a wrong TOTP code', async () => {
    const browser = new TestBrowser();
    const login = await open(browser, authorizationUrl(provider, provider.clients.web.clientId).url);
    const totp = await fillIn(browser, login, 'password', {
      username: DEV_USERS.admin.username,
      password: DEV_USERS.admin.password,
    });
    expect(totp.html).toContain('name="code"');

    const wrong = await fillIn(browser, totp, 'code', { code: '000000x' });
    expect(wrong.redirect).toBeUndefined();
    expect(wrong.html).toContain('The code is wrong or has expired.');
    expect(wrong.html).toContain('name="code"');
  });

  it('ends the sign-in with access_denied after five failed tries', async () => {
    const browser = new TestBrowser();
    let outcome: Reached = await open(browser, authorizationUrl(provider, provider.clients.web.clientId).url);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      outcome = await fillIn(browser, outcome, 'password', {
        username: 'player',
        password: `wrong-${attempt}`,
      });
    }

    expect(outcome.redirect?.searchParams.get('error')).toBe('access_denied');
    expect(outcome.redirect?.searchParams.get('code')).toBeNull();
  });

  it('refuses an authorization request without PKCE', async () => {
    const url = new URL(authorizationUrl(provider, provider.clients.web.clientId).url);
    url.searchParams.delete('code_challenge');
    url.searchParams.delete('code_challenge_method');

    const outcome = await open(new TestBrowser(), url.href);

    expect(outcome.redirect?.searchParams.get('error')).toBe('invalid_request');
    expect(outcome.redirect?.searchParams.get('error_description')).toMatch(/PKCE/);
  });

  it('refuses a code exchanged with the wrong verifier', async () => {
    const { callback } = await signIn(provider, provider.clients.web.clientId, DEV_USERS.player);

    await expect(exchangeCode(provider, provider.clients.web, callback, 'a'.repeat(43))).rejects.toThrow(
      /invalid_grant/,
    );
  });
});

describe('signing out', () => {
  let provider: DevIdentityProvider;
  beforeAll(async () => {
    provider = await startDevIdentityProvider();
  });
  afterAll(() => provider.stop());

  it('ends the session at the end_session endpoint after a plain confirmation form', async () => {
    const browser = new TestBrowser();
    const { callback, codeVerifier } = await signIn(
      provider,
      provider.clients.web.clientId,
      DEV_USERS.player,
      undefined,
      browser,
    );
    const tokens = await exchangeCode(provider, provider.clients.web, callback, codeVerifier);
    const logout = new URL(endpoint(provider, '/oidc/v1/end_session'));
    logout.search = new URLSearchParams({
      id_token_hint: tokens.id_token ?? '',
      post_logout_redirect_uri: SIGNED_OUT,
    }).toString();

    const confirmation = await open(browser, logout.href, SIGNED_OUT);
    expect(confirmation.html).toContain('name="xsrf"');

    const done = await fillIn(
      browser,
      confirmation,
      'logout',
      {},
      { submitter: 'logout', callback: SIGNED_OUT },
    );
    expect(done.redirect?.href).toBe(SIGNED_OUT);

    const again = await open(browser, authorizationUrl(provider, provider.clients.web.clientId).url);
    expect(again.html).toContain('name="password"');
  });
});
