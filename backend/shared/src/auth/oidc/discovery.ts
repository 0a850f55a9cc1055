import { IdentityProviderUnavailableError } from '../types.js';
import { askIssuer } from './issuer-http.js';
import { type Claims, isJsonObject, stringClaim } from './json-claims.js';

/** What the platform needs from the issuer's discovery document. */
export interface IssuerMetadata {
  readonly jwksUri: URL;
  /** Absent when the issuer offers no RFC 7662 introspection. */
  readonly introspectionEndpoint: URL | null;
  /** Where a service asks for its own token (client credentials); absent from an issuer without one. */
  readonly tokenEndpoint: URL | null;
}

/** OpenID Connect Discovery 1.0, section 4: the issuer without a trailing slash, then the well-known path. */
export function discoveryUrl(issuer: string): URL {
  return new URL(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`);
}

/**
 * The issuer's discovery document, fetched on first need and kept for the life of the process once
 * it proved valid. A failed or invalid fetch is not kept, so the next token tries again; concurrent
 * callers share one fetch.
 */
export class IssuerDiscovery {
  readonly #issuer: string;
  readonly #timeoutMs: number;
  #metadata: IssuerMetadata | undefined;
  #pending: Promise<IssuerMetadata> | undefined;

  constructor(issuer: string, timeoutMs: number) {
    this.#issuer = issuer;
    this.#timeoutMs = timeoutMs;
  }

  async metadata(): Promise<IssuerMetadata> {
    if (this.#metadata !== undefined) return this.#metadata;
    this.#pending ??= this.#discover().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #discover(): Promise<IssuerMetadata> {
    const what = 'the discovery document';
    const answer = await askIssuer(discoveryUrl(this.#issuer), {
      method: 'GET',
      timeoutMs: this.#timeoutMs,
      what,
    });
    if (answer.status !== 200) throw unusable(`${what} was answered with status ${answer.status}`);
    const metadata = readMetadata(answer.body, this.#issuer);
    this.#metadata = metadata;
    return metadata;
  }
}

function unusable(reason: string): IdentityProviderUnavailableError {
  return new IdentityProviderUnavailableError(reason);
}

function readMetadata(document: unknown, issuer: string): IssuerMetadata {
  if (!isJsonObject(document)) throw unusable('the discovery document is not a JSON object');
  const named = stringClaim(document, 'issuer');
  // OpenID Connect Discovery 1.0, section 4.3: a document naming another issuer must not be used.
  if (named !== issuer) {
    throw unusable(`the discovery document names the issuer "${String(named)}", not "${issuer}"`);
  }
  const secure = new URL(issuer).protocol === 'https:';
  const jwksUri = endpoint(document, 'jwks_uri', secure);
  if (jwksUri === null) throw unusable('the discovery document has no jwks_uri');
  return {
    jwksUri,
    introspectionEndpoint: endpoint(document, 'introspection_endpoint', secure),
    tokenEndpoint: endpoint(document, 'token_endpoint', secure),
  };
}

/** An endpoint URL, https whenever the issuer is: a key set fetched in the clear could be swapped. */
function endpoint(document: Claims, name: string, secure: boolean): URL | null {
  const value = stringClaim(document, name);
  if (value === undefined) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw unusable(`the discovery document's ${name} is not a URL`);
  }
  const allowed = secure ? ['https:'] : ['https:', 'http:'];
  if (!allowed.includes(url.protocol)) {
    throw unusable(`the discovery document's ${name} must be a ${allowed.join(' or ')} URL`);
  }
  return url;
}
