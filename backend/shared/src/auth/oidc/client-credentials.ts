import type { ServiceCredentials } from '../../config/index.js';
import { IdentityProviderUnavailableError, type ServiceTokenSource } from '../types.js';
import { clientSecretBasic } from './client-secret-basic.js';
import { IssuerDiscovery } from './discovery.js';
import { askIssuer } from './issuer-http.js';
import { describeTokenError, readIssuedAccessToken, UnusableTokenAnswer } from './token-answer.js';

/**
 * A service could not get its own token from the issuer: unreachable, refusing the credentials, or
 * answering what no token endpoint may. `statusCode` makes the shared problem handler answer the
 * request that needed the token with 503 `UPSTREAM_UNAVAILABLE` (the full reason is logged, never
 * sent), so no caller has to map it.
 */
export class ServiceTokenUnavailableError extends IdentityProviderUnavailableError {
  readonly statusCode = 503;

  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'ServiceTokenUnavailableError';
  }
}

export interface ClientCredentialsOptions {
  /** Exactly as configured (ZITADEL_ISSUER); the token endpoint comes from its discovery document. */
  readonly issuer: string;
  readonly credentials: ServiceCredentials;
  /** Space-separated scopes asked for (Zitadel binds the token to a project through them). */
  readonly scope: string;
  readonly timeoutMs: number;
  /** Milliseconds since the epoch; tests pass a manual clock. */
  readonly now?: () => number;
}

/** Renew at most this long before expiry (half the lifetime of a shorter token). */
const MAX_RENEW_MARGIN_MS = 60_000;
/** After a failed renewal, a token still held is used this long before the issuer is asked again. */
const RETRY_AFTER_FAILURE_MS = 5_000;

interface HeldToken {
  readonly token: string;
  /** From here on a call asks for a new token first. */
  readonly renewAt: number;
  /** Until then the token may still be sent while the issuer cannot give a new one. */
  readonly usableUntil: number;
}

/**
 * A service's own access token from the OAuth 2.0 client credentials grant (RFC 6749 section 4.4)
 * at the issuer's token endpoint, with client_secret_basic. The token is kept and renewed before it
 * expires (a minute before, or halfway through a shorter life), by one request however many calls
 * need it at once. If the issuer cannot give a new one, a held token that is still valid for a
 * while longer is used meanwhile; without one the call fails with `ServiceTokenUnavailableError`.
 */
export class ClientCredentialsTokenSource implements ServiceTokenSource {
  readonly #discovery: IssuerDiscovery;
  readonly #authorization: string;
  readonly #clientId: string;
  readonly #scope: string;
  readonly #timeoutMs: number;
  readonly #now: () => number;
  #held: HeldToken | undefined;
  #pending: Promise<string> | undefined;

  constructor(options: ClientCredentialsOptions) {
    this.#discovery = new IssuerDiscovery(options.issuer, options.timeoutMs);
    this.#authorization = clientSecretBasic(options.credentials);
    this.#clientId = options.credentials.clientId;
    this.#scope = options.scope;
    this.#timeoutMs = options.timeoutMs;
    this.#now = options.now ?? Date.now;
  }

  async token(): Promise<string> {
    const held = this.#held;
    if (held !== undefined && this.#now() < held.renewAt) return held.token;
    this.#pending ??= this.#renew().finally(() => {
      this.#pending = undefined;
    });
    try {
      return await this.#pending;
    } catch (error) {
      if (held === undefined || this.#now() >= held.usableUntil) throw error;
      this.#held = { ...held, renewAt: Math.min(this.#now() + RETRY_AFTER_FAILURE_MS, held.usableUntil) };
      return held.token;
    }
  }

  async #renew(): Promise<string> {
    // The lifetime counts from before the request left: the token can only be younger than that.
    const askedAt = this.#now();
    const tokenEndpoint = await this.#tokenEndpoint();
    const answer = await askIssuer(tokenEndpoint, {
      method: 'POST',
      headers: { authorization: this.#authorization, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: this.#scope }).toString(),
      timeoutMs: this.#timeoutMs,
      what: 'a service token',
    }).catch((error: unknown) => {
      throw unavailable(error);
    });
    if (answer.status !== 200) throw this.#refusal(answer.status, answer.body);
    let issued: ReturnType<typeof readIssuedAccessToken>;
    try {
      issued = readIssuedAccessToken(answer.body);
    } catch (error) {
      if (error instanceof UnusableTokenAnswer) throw new ServiceTokenUnavailableError(error.message);
      throw error;
    }
    const lifetimeMs = issued.expiresInSeconds * 1000;
    const marginMs = Math.min(MAX_RENEW_MARGIN_MS, lifetimeMs / 2);
    const expiresAt = askedAt + lifetimeMs;
    this.#held = {
      token: issued.accessToken,
      renewAt: expiresAt - marginMs,
      usableUntil: expiresAt - marginMs / 4,
    };
    return issued.accessToken;
  }

  async #tokenEndpoint(): Promise<URL> {
    const metadata = await this.#discovery.metadata().catch((error: unknown) => {
      throw unavailable(error);
    });
    if (metadata.tokenEndpoint === null) {
      throw new ServiceTokenUnavailableError('the discovery document has no token_endpoint');
    }
    return metadata.tokenEndpoint;
  }

  #refusal(status: number, body: unknown): ServiceTokenUnavailableError {
    const said = describeTokenError(body);
    if (status === 400 || status === 401) {
      const badCredentials = status === 401 || said?.startsWith('invalid_client') === true;
      const check = badCredentials
        ? 'check ZITADEL_SERVICE_CLIENT_ID and ZITADEL_SERVICE_CLIENT_SECRET'
        : 'check the machine user may use the client credentials grant and ask for these scopes';
      return new ServiceTokenUnavailableError(
        `the issuer refused the client credentials of "${this.#clientId}": ${said ?? `status ${status}`}; ${check}`,
      );
    }
    return new ServiceTokenUnavailableError(
      `the token endpoint answered a service token request with status ${status}${said === null ? '' : `: ${said}`}`,
    );
  }
}

/** The issuer could not be asked at all: the error callers answer 503 for, the reason kept as its cause. */
function unavailable(error: unknown): unknown {
  if (!(error instanceof IdentityProviderUnavailableError) || error instanceof ServiceTokenUnavailableError) {
    return error;
  }
  return new ServiceTokenUnavailableError('no service token could be asked for', { cause: error });
}
