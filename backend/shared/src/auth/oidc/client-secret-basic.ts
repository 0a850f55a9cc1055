/** A client of the issuer that authenticates with its id and secret. */
export interface ClientSecret {
  readonly clientId: string;
  readonly clientSecret: string;
}

/**
 * The `Authorization` header of client_secret_basic. RFC 6749 section 2.3.1: both parts are
 * form-urlencoded before they are joined and base64-encoded.
 */
export function clientSecretBasic({ clientId, clientSecret }: ClientSecret): string {
  const encode = (value: string) => encodeURIComponent(value).replaceAll('%20', '+');
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(clientSecret)}`).toString('base64')}`;
}
