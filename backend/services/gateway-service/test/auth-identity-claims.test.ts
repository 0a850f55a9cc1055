import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type IdentityClaims,
  identityClaimsOf,
  NO_IDENTITY_CLAIMS,
  saysWhoSignedIn,
  sessionNameOf,
} from '../src/sign-in/identity-claims.js';
import { signedInIdentity } from '../src/sign-in/signed-in-identity.js';
import { capturingLogger, type LogLine } from './auth-platform.js';
import {
  CALLBACK_QUERY,
  discoveryDocument,
  listenOnLoopback,
  NOW,
  PENDING,
  relyingPartyOf,
  unsignedIdToken,
} from './stand-in-issuer.js';

const PAT: IdentityClaims = {
  name: 'Pat Player',
  preferredUsername: 'player',
  email: 'player@example.org',
  emailVerified: true,
  locale: 'en',
};

const PAT_CLAIMS = {
  name: 'Pat Player',
  preferred_username: 'player',
  email: 'player@example.org',
  email_verified: true,
  locale: 'en',
};

describe('the identity claims of a sign-in', () => {
  it('reads the standard claims, trimmed', () => {
    expect(identityClaimsOf({ sub: 'u1', ...PAT_CLAIMS, name: '  Pat Player ' })).toEqual(PAT);
  });

  it.each([
    ['numbers', { name: 42, preferred_username: 7, email: 1, email_verified: 1, locale: 3 }],
    [
      'lists and objects',
      { name: ['Pat'], preferred_username: { first: 'p' }, email: ['a@b.c'], locale: ['en'] },
    ],
    ['null', { name: null, preferred_username: null, email: null, email_verified: null, locale: null }],
    ['blank text', { name: '   ', preferred_username: '', email: ' ', locale: '' }],
    [
      'text too long',
      {
        name: 'n'.repeat(201),
        preferred_username: 'u'.repeat(201),
        email: `${'a'.repeat(250)}@x.io`,
        locale: `en-${'x'.repeat(40)}`,
      },
    ],
    [
      'control characters',
      { name: 'Pat\u0000Player', preferred_username: 'pla\u001byer', email: 'pat\n@x.io', locale: 'e\tn' },
    ],
    ['no address or language tag', { email: 'player.example.org', locale: 'English (UK)' }],
  ])('ignores claims that are %s, and refuses nothing for them', (_, claims) => {
    expect(identityClaimsOf({ sub: 'u1', ...claims })).toEqual(NO_IDENTITY_CLAIMS);
  });

  it('takes email_verified only as a boolean, and only with an address', () => {
    expect(identityClaimsOf({ ...PAT_CLAIMS, email_verified: 'true' }).emailVerified).toBeNull();
    expect(identityClaimsOf({ ...PAT_CLAIMS, email_verified: false }).emailVerified).toBe(false);
    expect(identityClaimsOf({ email_verified: true }).emailVerified).toBeNull();
  });

  it('reads only claims of its own, never what the object inherits', () => {
    const inherited: Record<string, unknown> = Object.create({ name: 'Inherited', email: 'x@y.z' });
    expect(identityClaimsOf(inherited)).toEqual(NO_IDENTITY_CLAIMS);
  });

  it('names the session by the full name, else the username, whichever fits 64 characters', () => {
    expect(sessionNameOf(PAT)).toBe('Pat Player');
    expect(sessionNameOf({ ...PAT, name: '😀'.repeat(64) })).toBe('😀'.repeat(64));
    expect(sessionNameOf({ ...PAT, name: 'n'.repeat(65) })).toBe('player');
    expect(sessionNameOf({ ...PAT, name: null })).toBe('player');
    expect(sessionNameOf({ ...PAT, name: 'n'.repeat(65), preferredUsername: 'u'.repeat(65) })).toBeNull();
    expect(sessionNameOf(NO_IDENTITY_CLAIMS)).toBeNull();
  });

  it.each([
    ['a name', { name: 'Pat' }, true],
    ['a username', { preferredUsername: 'pat' }, true],
    ['an address', { email: 'p@x.io' }, true],
    ['a locale', { locale: 'en' }, true],
    ['only whether an address is verified', { emailVerified: true }, false],
    ['nothing', {}, false],
  ])('says who signed in with %s: %s', (_, claims, says) => {
    expect(saysWhoSignedIn({ ...NO_IDENTITY_CLAIMS, ...claims })).toBe(says);
  });
});

/** What the stand-in's userinfo endpoint answers next. */
interface UserInfoAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * An issuer whose ID token says what the test sets, and whose userinfo endpoint answers what the
 * test sets. Its ID tokens are checked for their claims, not their signature (OpenID Connect Core
 * 3.1.3.7: they came straight from the token endpoint).
 */
describe("who signed in, when the ID token leaves the profile out: the issuer's userinfo", () => {
  let server: Server;
  let issuer: string;
  let idTokenClaims: Record<string, unknown>;
  let userInfo: UserInfoAnswer;
  let withUserInfo: boolean;
  let userInfoCalls: string[];
  const logs: LogLine[] = [];
  const log = capturingLogger(logs);

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      const send = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (request.url === '/.well-known/openid-configuration') {
        const userinfo = withUserInfo ? { userinfo_endpoint: `${issuer}/oidc/v1/userinfo` } : {};
        send(200, discoveryDocument(issuer, userinfo));
        return;
      }
      if (request.url === '/oidc/v1/userinfo') {
        userInfoCalls.push(request.headers.authorization ?? '');
        send(userInfo.status, userInfo.body);
        return;
      }
      send(200, {
        access_token: 'the-access-token',
        token_type: 'Bearer',
        expires_in: 300,
        id_token: unsignedIdToken(issuer, idTokenClaims),
      });
    });
    issuer = await listenOnLoopback(server);
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    idTokenClaims = {};
    userInfo = { status: 200, body: { sub: 'u1', ...PAT_CLAIMS } };
    withUserInfo = true;
    userInfoCalls = [];
    logs.length = 0;
  });

  /** A sign-in completed with a new relying party (discovery each time: the metadata may change). */
  const identityOfSignIn = async () => {
    const relyingParty = relyingPartyOf(issuer, ['openid', 'profile', 'email']);
    const completed = await relyingParty.completeSignIn(CALLBACK_QUERY, PENDING, NOW);
    expect(completed.subject).toBe('u1');
    return signedInIdentity(relyingParty, completed, log);
  };

  it('takes the ID token’s claims when it carries them, and asks nothing more', async () => {
    idTokenClaims = { ...PAT_CLAIMS, name: 'From The ID Token' };
    expect(await identityOfSignIn()).toEqual({ ...PAT, name: 'From The ID Token' });
    expect(userInfoCalls).toEqual([]);
  });

  it('asks userinfo, with the access token, when the ID token says nothing of the person', async () => {
    expect(await identityOfSignIn()).toEqual(PAT);
    expect(userInfoCalls).toEqual(['Bearer the-access-token']);
    expect(logs).toEqual([]);
  });

  it('asks userinfo when every claim of the ID token is unfit, and ignores unfit ones there too', async () => {
    idTokenClaims = { name: 42, email: ['a@b.c'] };
    userInfo = {
      status: 200,
      body: { sub: 'u1', ...PAT_CLAIMS, locale: { tag: 'en' }, email_verified: 'yes' },
    };
    expect(await identityOfSignIn()).toEqual({ ...PAT, locale: null, emailVerified: null });
    expect(userInfoCalls).toHaveLength(1);
  });

  it.each([
    ['answers for another person', { status: 200, body: { sub: 'somebody-else', ...PAT_CLAIMS } }],
    ['fails', { status: 500, body: { error: 'server_error' } }],
    ['refuses the access token', { status: 401, body: { error: 'invalid_token' } }],
  ])('signs in without the profile when userinfo %s, and logs it', async (_, answer) => {
    userInfo = answer;
    expect(await identityOfSignIn()).toEqual(NO_IDENTITY_CLAIMS);
    expect(logs).toEqual([expect.objectContaining({ level: 40, event: 'sign_in_userinfo_failed' })]);
    expect(JSON.stringify(logs)).not.toContain('the-access-token');
  });

  it('signs in without the profile, quietly, when the issuer has no userinfo endpoint', async () => {
    withUserInfo = false;
    expect(await identityOfSignIn()).toEqual(NO_IDENTITY_CLAIMS);
    expect(userInfoCalls).toEqual([]);
    expect(logs).toEqual([]);
  });
});
