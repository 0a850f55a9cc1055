import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { AppError } from '@know-foolery/shared/errors';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CALLBACK_QUERY,
  discoveryDocument,
  listenOnLoopback,
  NOW,
  PENDING,
  relyingPartyOf,
  unsignedIdToken,
} from './stand-in-issuer.js';

/** What the stand-in's token endpoint answers next. */
interface TokenAnswer {
  readonly status: number;
  readonly type: string;
  readonly body: string;
}

describe("the relying party, when the issuer's answer is not a sign-in", () => {
  let server: Server;
  let issuer: string;
  let tokenAnswer: TokenAnswer;
  let withEndSession = true;

  const tokens = (body: Record<string, unknown>): TokenAnswer => ({
    status: 200,
    type: 'application/json',
    body: JSON.stringify({ access_token: 'at', token_type: 'Bearer', expires_in: 300, ...body }),
  });

  const relyingParty = () => relyingPartyOf(issuer, ['openid']);

  const complete = () => relyingParty().completeSignIn(CALLBACK_QUERY, PENDING, NOW);

  beforeAll(async () => {
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      request.resume();
      if (request.url === '/.well-known/openid-configuration') {
        response.writeHead(200, { 'content-type': 'application/json' });
        const endSession = withEndSession ? { end_session_endpoint: `${issuer}/oidc/v1/end_session` } : {};
        response.end(JSON.stringify(discoveryDocument(issuer, endSession)));
        return;
      }
      response.writeHead(tokenAnswer.status, { 'content-type': tokenAnswer.type });
      response.end(tokenAnswer.body);
    });
    issuer = await listenOnLoopback(server);
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    withEndSession = true;
  });

  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
    return { status: error.statusCode, code: error.code, message: error.message, headers: error.headers };
  };

  it.each([
    ['an error page', { status: 500, type: 'text/html', body: '<h1>oops</h1>' }],
    ['a proxy that lost it', { status: 502, type: 'text/plain', body: 'bad gateway' }],
    [
      'temporarily_unavailable',
      { status: 503, type: 'application/json', body: '{"error":"temporarily_unavailable"}' },
    ],
    ['server_error', { status: 400, type: 'application/json', body: '{"error":"server_error"}' }],
  ])('is 503 with Retry-After when the token endpoint answers %s', async (_case, answer) => {
    tokenAnswer = answer;
    expect(await refusal(complete())).toMatchObject({
      status: 503,
      code: 'UPSTREAM_UNAVAILABLE',
      headers: { 'retry-after': '5' },
    });
  });

  it('is 400 SIGN_IN_CODE_REJECTED when the issuer refuses the code, naming its OAuth error only', async () => {
    tokenAnswer = { status: 400, type: 'application/json', body: '{"error":"invalid_grant"}' };
    expect(await refusal(complete())).toMatchObject({
      status: 400,
      code: 'SIGN_IN_CODE_REJECTED',
      message: 'the identity provider refused the sign-in (invalid_grant): start again',
    });
    tokenAnswer = { status: 400, type: 'application/json', body: '{"error":"<b>Nope</b>"}' };
    expect(await refusal(complete())).toMatchObject({
      code: 'SIGN_IN_CODE_REJECTED',
      message: 'the identity provider refused the sign-in: start again',
    });
  });

  it.each([
    ['an ID token for another nonce', () => ({ id_token: unsignedIdToken(issuer, { nonce: 'another' }) })],
    ['an ID token of another issuer', () => ({ id_token: unsignedIdToken('https://elsewhere.example') })],
    [
      'an ID token for another client',
      () => ({ id_token: unsignedIdToken(issuer, { aud: 'another-client' }) }),
    ],
    ['no ID token', () => ({})],
    ['no expires_in', () => ({ id_token: unsignedIdToken(issuer), expires_in: undefined })],
    ['an amr that is no list of methods', () => ({ id_token: unsignedIdToken(issuer, { amr: 'pwd' }) })],
  ])('is 400 SIGN_IN_RESPONSE_INVALID for %s', async (_case, body) => {
    tokenAnswer = tokens(body());
    expect(await refusal(complete())).toMatchObject({ status: 400, code: 'SIGN_IN_RESPONSE_INVALID' });
  });

  it('reads amr and auth_time from the ID token, and the access token expiry from expires_in', async () => {
    const authTime = Math.floor(Date.now() / 1000) - 30;
    tokenAnswer = tokens({
      id_token: unsignedIdToken(issuer, { amr: ['pwd', 'otp', 'mfa'], auth_time: authTime }),
      refresh_token: 'rt',
    });
    expect(await complete()).toMatchObject({
      accessToken: 'at',
      accessTokenExpiresAt: new Date(NOW.getTime() + 300_000),
      refreshToken: 'rt',
      authenticatedAt: new Date(authTime * 1000),
      authMethods: ['pwd', 'otp', 'mfa'],
    });
  });

  it('takes the ID token time for the sign-in time when the issuer leaves auth_time out, and no amr as none', async () => {
    const issuedAt = Math.floor(Date.now() / 1000) - 10;
    tokenAnswer = tokens({ id_token: unsignedIdToken(issuer, { iat: issuedAt }) });
    expect(await complete()).toMatchObject({
      refreshToken: null,
      authenticatedAt: new Date(issuedAt * 1000),
      authMethods: [],
    });
  });

  it('answers no end-session URL for an issuer without the endpoint', async () => {
    withEndSession = false;
    expect(await relyingParty().endSessionUrl('id-token')).toBeNull();
  });
});
