export interface ClientCredentialsRequest {
  /** The issuer's token endpoint (Zitadel and the development provider: `<issuer>/oauth/v2/token`). */
  readonly tokenEndpoint: string | URL;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Space-separated scopes; none sent when absent. */
  readonly scope?: string | undefined;
}

export interface ClientCredentialsToken {
  readonly accessToken: string;
  readonly tokenType: string;
  /** Seconds, as the issuer said; null when it did not. */
  readonly expiresInSeconds: number | null;
}

/** `client_secret_basic` (RFC 6749 section 2.3.1): the id and secret percent-encoded before base64. */
function basicCredentials(clientId: string, clientSecret: string): string {
  const pair = `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`;
  return `Basic ${Buffer.from(pair).toString('base64')}`;
}

function field(body: object, name: string): unknown {
  return Object.hasOwn(body, name) ? Reflect.get(body, name) : undefined;
}

/**
 * A machine's access token by the client credentials grant (RFC 6749 section 4.4), as a service
 * gets its own: for tests that call an issuer's APIs as the platform's machine user. Fails with
 * the status and the OAuth error code of any answer that is not a token.
 */
export async function clientCredentialsToken(
  request: ClientCredentialsRequest,
): Promise<ClientCredentialsToken> {
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (request.scope !== undefined) form.set('scope', request.scope);
  const response = await fetch(request.tokenEndpoint, {
    method: 'POST',
    headers: {
      authorization: basicCredentials(request.clientId, request.clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    },
    body: form.toString(),
  });
  const body: unknown = await response.json().catch(() => undefined);
  const object = typeof body === 'object' && body !== null ? body : {};
  const accessToken = field(object, 'access_token');
  const tokenType = field(object, 'token_type');
  const expiresIn = field(object, 'expires_in');
  if (!response.ok || typeof accessToken !== 'string' || typeof tokenType !== 'string') {
    const error = field(object, 'error');
    throw new Error(
      `the token endpoint answered ${response.status}${typeof error === 'string' ? ` ${error}` : ''}, not a token`,
    );
  }
  return {
    accessToken,
    tokenType,
    expiresInSeconds: typeof expiresIn === 'number' ? expiresIn : null,
  };
}
