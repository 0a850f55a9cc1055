import { createHash, randomBytes } from 'node:crypto';
import { signIn } from './sign-in.js';
import { TestBrowser } from './test-browser.js';

/**
 * A person signing in at the development identity provider's pages with a password, as a browser
 * would, up to the redirect to the client's callback; then the code exchanged as the gateway
 * would (code + PKCE S256, at Zitadel's paths). Enough for a test to hold a player's access token.
 */
export async function signInForAccessToken(options: {
  readonly issuer: string;
  readonly client: { readonly clientId: string; readonly clientSecret: string };
  readonly redirectUri: string;
  readonly username: string;
  readonly password: string;
  /** The person's authenticator app, for a sign-in that asks for a code. */
  readonly totp?: () => string;
}): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const authorize = new URL('/oauth/v2/authorize', options.issuer);
  authorize.search = new URLSearchParams({
    client_id: options.client.clientId,
    redirect_uri: options.redirectUri,
    response_type: 'code',
    scope: 'openid profile',
    state: randomBytes(8).toString('base64url'),
    nonce: randomBytes(8).toString('base64url'),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();

  const landed = await signIn(new TestBrowser(), {
    start: authorize,
    user: options,
    totp: options.totp,
    stopBefore: (url) => url.href.startsWith(options.redirectUri),
  });
  const location = landed.response.headers.get('location');
  const code = location === null ? null : new URL(location, landed.url).searchParams.get('code');
  if (code === null) throw new Error(`the sign-in ended at ${landed.url.href}, not the callback with a code`);

  const { clientId, clientSecret } = options.client;
  const response = await fetch(new URL('/oauth/v2/token', options.issuer), {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: options.redirectUri,
      code_verifier: verifier,
    }).toString(),
  });
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || !('access_token' in body)) {
    throw new Error(`the code exchange failed with ${response.status}: ${JSON.stringify(body)}`);
  }
  const token = body.access_token;
  if (typeof token !== 'string') throw new Error('the token endpoint gave no access token');
  return token;
}
