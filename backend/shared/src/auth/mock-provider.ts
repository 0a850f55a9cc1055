import { randomUUID, webcrypto } from 'node:crypto';
import { type JWTPayload, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { MIN_JWT_SECRET_BYTES } from '../config/index.js';
import {
  type AuthenticatedUser,
  type AuthProvider,
  InvalidTokenError,
  type IssuedToken,
  isRole,
  type Role,
  type TokenIssuer,
  type TokenRequest,
} from './types.js';

export interface MockAuthOptions {
  readonly secret: string;
  readonly issuer: string;
  readonly audience: string;
  readonly clockToleranceSeconds: number;
  readonly defaultTtlSeconds: number;
  /** The longest lifetime (`exp` - `iat`) a token may have, issued or verified. */
  readonly maxTokenLifetimeSeconds: number;
  readonly now?: () => Date;
}

const ALGORITHM = 'HS256';
const REQUIRED_CLAIMS = ['sub', 'iss', 'aud', 'iat', 'exp', 'jti'];
const MAX_SUBJECT_LENGTH = 128;
const MAX_NAME_LENGTH = 64;

/** Characters as a person (and JSON Schema's maxLength) counts them: an emoji is one, not two UTF-16 units. */
const characters = (text: string): number => [...text].length;

/** HS256 tokens signed and verified with a local secret: development and tests, no external calls. */
export class MockAuthProvider implements AuthProvider, TokenIssuer {
  readonly kind = 'mock' as const;
  // Imported once: handed raw bytes, jose would import a CryptoKey again on every sign and verify.
  readonly #key: Promise<webcrypto.CryptoKey>;
  readonly #options: MockAuthOptions;

  constructor(options: MockAuthOptions) {
    // Stryker disable next-line StringLiteral: Buffer.byteLength counts UTF-8 when no encoding is named
    if (Buffer.byteLength(options.secret, 'utf8') < MIN_JWT_SECRET_BYTES) {
      throw new RangeError(`the mock auth secret must be at least ${MIN_JWT_SECRET_BYTES} bytes long`);
    }
    if (options.defaultTtlSeconds > options.maxTokenLifetimeSeconds) {
      throw new RangeError('the default token lifetime cannot exceed the maximum token lifetime');
    }
    this.#key = webcrypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(options.secret),
      { name: 'HMAC', hash: 'SHA-256' },
      // Stryker disable next-line BooleanLiteral: the key is never exported, so extractable changes nothing
      false,
      ['sign', 'verify'],
    );
    this.#options = options;
  }

  async issueToken(request: TokenRequest): Promise<IssuedToken> {
    assertTokenRequest(request);
    const ttlSeconds = request.ttlSeconds ?? this.#options.defaultTtlSeconds;
    if (ttlSeconds > this.#options.maxTokenLifetimeSeconds) {
      throw new RangeError(`a token may live at most ${this.#options.maxTokenLifetimeSeconds} seconds`);
    }
    const issuedAt = Math.floor(this.#now().getTime() / 1000);
    const expiresAt = issuedAt + ttlSeconds;
    const claims: JWTPayload = { roles: [...request.roles] };
    if (request.name !== undefined) claims.name = request.name;
    const accessToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(request.subject)
      .setIssuer(this.#options.issuer)
      .setAudience(this.#options.audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .setJti(randomUUID())
      .sign(await this.#key);
    return { accessToken, tokenType: 'Bearer', expiresAt: new Date(expiresAt * 1000) };
  }

  async verifyAccessToken(token: string): Promise<AuthenticatedUser> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await this.#key, {
        algorithms: [ALGORITHM],
        issuer: this.#options.issuer,
        audience: this.#options.audience,
        clockTolerance: this.#options.clockToleranceSeconds,
        requiredClaims: REQUIRED_CLAIMS,
        // Refuses an `iat` in the future beyond the tolerance (a token minted ahead of time to outlive
        // its apparent lifetime), and an `iat` older than any token may live.
        maxTokenAge: this.#options.maxTokenLifetimeSeconds,
        currentDate: this.#now(),
      }));
    } catch (error) {
      throw new InvalidTokenError(describeJoseError(error), { cause: error });
    }
    const lifetime = tokenLifetime(payload, this.#options.maxTokenLifetimeSeconds);
    return { ...userFromClaims(payload), ...lifetime };
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }
}

function assertTokenRequest(request: TokenRequest): void {
  if (request.subject.trim() === '' || characters(request.subject) > MAX_SUBJECT_LENGTH) {
    throw new RangeError(`a token subject must be 1 to ${MAX_SUBJECT_LENGTH} characters`);
  }
  if (request.roles.length === 0 || !request.roles.every(isRole)) {
    throw new RangeError('a token needs at least one known role');
  }
  if (request.name !== undefined && characters(request.name) > MAX_NAME_LENGTH) {
    throw new RangeError(`a token name must be at most ${MAX_NAME_LENGTH} characters`);
  }
}

/** A token valid for years is as good as a password if it leaks: its whole lifetime is bounded. */
function tokenLifetime(
  payload: JWTPayload,
  maxSeconds: number,
): Pick<AuthenticatedUser, 'issuedAt' | 'expiresAt'> {
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || typeof exp !== 'number' || exp - iat > maxSeconds) {
    throw new InvalidTokenError(`the token lives longer than the ${maxSeconds} seconds allowed`);
  }
  return { issuedAt: new Date(iat * 1000), expiresAt: new Date(exp * 1000) };
}

function userFromClaims(payload: JWTPayload): Omit<AuthenticatedUser, 'issuedAt' | 'expiresAt'> {
  const { sub, roles, name } = payload;
  if (typeof sub !== 'string' || sub.trim() === '' || characters(sub) > MAX_SUBJECT_LENGTH) {
    throw new InvalidTokenError('the "sub" claim must be a non-empty string');
  }
  if (!Array.isArray(roles) || roles.length === 0) {
    throw new InvalidTokenError('the "roles" claim must be a non-empty list');
  }
  const knownRoles: Role[] = [];
  for (const role of roles) {
    if (!isRole(role)) throw new InvalidTokenError('the "roles" claim holds an unknown role');
    knownRoles.push(role);
  }
  if (name !== undefined && (typeof name !== 'string' || characters(name) > MAX_NAME_LENGTH)) {
    throw new InvalidTokenError('the "name" claim must be a short string');
  }
  return { id: sub, roles: knownRoles, name: typeof name === 'string' ? name : null };
}

/** Why jose refused a token, in words safe to show the caller (the OIDC provider says the same). */
export function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'the token is not valid yet';
    if (error.claim === 'iat') return 'the token was issued in the future';
    return `the "${error.claim}" claim is invalid`;
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'the token algorithm is not allowed';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'the token signature is invalid';
  return 'the token is malformed';
}
