import type { IntrospectionCredentials } from '../../config/index.js';
import { IdentityProviderUnavailableError, InvalidTokenError } from '../types.js';
import { clientSecretBasic } from './client-secret-basic.js';
import type { IssuerDiscovery } from './discovery.js';
import { askIssuer } from './issuer-http.js';
import { type Claims, isJsonObject, ownClaim } from './json-claims.js';

/**
 * RFC 7662 token introspection, for opaque access tokens: the issuer alone knows what they stand
 * for. Answers the claims of an active token; an inactive one is refused; an answer the RFC does
 * not allow, or none, means the issuer cannot be relied on just now (503, not 401).
 */
export class TokenIntrospection {
  readonly #discovery: IssuerDiscovery;
  readonly #authorization: string;
  readonly #timeoutMs: number;

  constructor(discovery: IssuerDiscovery, credentials: IntrospectionCredentials, timeoutMs: number) {
    this.#discovery = discovery;
    this.#authorization = clientSecretBasic(credentials);
    this.#timeoutMs = timeoutMs;
  }

  async introspect(token: string): Promise<Claims> {
    const { introspectionEndpoint } = await this.#discovery.metadata();
    if (introspectionEndpoint === null) {
      throw new IdentityProviderUnavailableError('the discovery document has no introspection_endpoint');
    }
    const answer = await askIssuer(introspectionEndpoint, {
      method: 'POST',
      headers: {
        authorization: this.#authorization,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ token, token_type_hint: 'access_token' }).toString(),
      timeoutMs: this.#timeoutMs,
      what: 'token introspection',
    });
    if (answer.status === 401 || answer.status === 403) {
      throw new IdentityProviderUnavailableError(
        `token introspection refused the platform's client credentials (status ${answer.status})`,
      );
    }
    if (answer.status !== 200) {
      throw new IdentityProviderUnavailableError(`token introspection answered with status ${answer.status}`);
    }
    return activeClaims(answer.body);
  }
}

function activeClaims(body: unknown): Claims {
  if (!isJsonObject(body) || typeof ownClaim(body, 'active') !== 'boolean') {
    throw new IdentityProviderUnavailableError(
      'token introspection answered without the boolean "active" RFC 7662 requires',
    );
  }
  if (ownClaim(body, 'active') !== true) throw new InvalidTokenError('the token is not active');
  return body;
}
