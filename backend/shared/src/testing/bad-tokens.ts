import { randomUUID } from 'node:crypto';
import {
  decodeJwt,
  decodeProtectedHeader,
  exportSPKI,
  generateKeyPair,
  importJWK,
  type JWK,
  SignJWT,
} from 'jose';
import type { AuthConfig } from '../config/index.js';
import { TEST_AUTH_CONFIG } from './tokens.js';

const encoder = new TextEncoder();
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

interface Claims {
  readonly [claim: string]: unknown;
}

async function sign(
  claims: Claims,
  secret: string,
  configure: (jwt: SignJWT) => SignJWT = (jwt) => jwt,
): Promise<string> {
  return configure(new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' })).sign(
    encoder.encode(secret),
  );
}

/**
 * Tokens that must all be refused, each for one reason, built against the given auth settings:
 * the matrix every protected route family is tested with.
 */
export async function badTokens(
  config: AuthConfig = TEST_AUTH_CONFIG,
): Promise<readonly (readonly [string, string])[]> {
  const now = Math.floor(Date.now() / 1000);
  const valid: Claims = {
    sub: 'mallory',
    roles: ['player'],
    iss: config.issuer,
    aud: config.audience,
    iat: now,
    exp: now + 600,
    jti: 'jti-1',
  };
  const good = await sign(valid, config.jwtSecret);
  const [header, , signature] = good.split('.');
  const tampered = `${header}.${base64url({ ...valid, roles: ['admin'] })}.${signature}`;
  const without = (name: string) =>
    Object.fromEntries(Object.entries(valid).filter(([claim]) => claim !== name));
  const issuedAhead = now + config.clockToleranceSeconds + 3600;
  return [
    ['malformed token', 'Bearer not-a-jwt'],
    ['wrong scheme', `Basic ${Buffer.from('user:pass').toString('base64')}`],
    ['alg none', `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(valid)}.`],
    ['another secret', `Bearer ${await sign(valid, 'another-secret-that-is-also-long-enough-0123')}`],
    ['tampered payload', `Bearer ${tampered}`],
    ['expired', `Bearer ${await sign({ ...valid, iat: now - 7200, exp: now - 3600 }, config.jwtSecret)}`],
    ['not yet valid', `Bearer ${await sign({ ...valid, nbf: now + 3600 }, config.jwtSecret)}`],
    ['wrong issuer', `Bearer ${await sign({ ...valid, iss: 'someone-else' }, config.jwtSecret)}`],
    ['wrong audience', `Bearer ${await sign({ ...valid, aud: 'another-api' }, config.jwtSecret)}`],
    ['missing sub', `Bearer ${await sign(without('sub'), config.jwtSecret)}`],
    ['missing iat', `Bearer ${await sign(without('iat'), config.jwtSecret)}`],
    [
      'issued in the future',
      `Bearer ${await sign({ ...valid, iat: issuedAhead, exp: issuedAhead + 600 }, config.jwtSecret)}`,
    ],
    [
      'lives longer than allowed',
      `Bearer ${await sign({ ...valid, exp: now + config.maxTokenLifetimeSeconds + 1 }, config.jwtSecret)}`,
    ],
    [
      'expires in ten years',
      `Bearer ${await sign({ ...valid, exp: now + 10 * 365 * 86_400 }, config.jwtSecret)}`,
    ],
    ['unknown role', `Bearer ${await sign({ ...valid, roles: ['superuser'] }, config.jwtSecret)}`],
    ['over-long token', `Bearer ${good}${'a'.repeat(5000)}`],
  ];
}

/** What an issuer whose private keys a test does not hold gives it to forge from. */
export interface IssuedToken {
  /** A genuine access token the issuer signed (a JWS in compact form). */
  readonly token: string;
  /** The key set the issuer publishes (its JWKS `keys`), holding the key that signed `token`. */
  readonly publishedKeys: readonly JWK[];
}

/**
 * Tokens that must all be refused by a verifier trusting a real issuer (JWKS), each for one
 * reason, forged from one genuine token of it: the same attacks as `badTokens`, made without the
 * issuer's private key. Wrong audience, wrong issuer and expiry need a token the issuer signed
 * with those claims, so they are the verifier's settings to vary, not forgeries.
 */
export async function forgedIssuerTokens(
  issued: IssuedToken,
): Promise<readonly (readonly [string, string])[]> {
  const { token, publishedKeys } = issued;
  const [headerPart, payloadPart, signaturePart] = token.split('.');
  if (headerPart === undefined || payloadPart === undefined || signaturePart === undefined)
    throw new Error('the issued token is not a JWS in compact form');
  const header = decodeProtectedHeader(token);
  const claims = decodeJwt(token);
  const signingKey = publishedKeys.find((key) => key.kid === header.kid);
  if (signingKey === undefined || header.kid === undefined)
    throw new Error('the issued token names no key the issuer publishes');
  const forger = await generateKeyPair('RS256');
  const signedByForger = (kid: string) =>
    new SignJWT(claims).setProtectedHeader({ ...header, alg: 'RS256', kid }).sign(forger.privateKey);
  // The textbook confusion: the public key, as PEM, taken for an HMAC secret.
  const publicKey = await importJWK(signingKey, signingKey.alg ?? header.alg);
  if (publicKey instanceof Uint8Array) throw new Error('the issuer publishes a symmetric key');
  const publicPem = await exportSPKI(publicKey);
  const keyedWithPublicKey = await new SignJWT(claims)
    .setProtectedHeader({ ...header, alg: 'HS256' })
    .sign(encoder.encode(publicPem));
  return [
    ['malformed token', 'Bearer not-a-jwt'],
    ['wrong scheme', `Basic ${Buffer.from('user:pass').toString('base64')}`],
    ["the issuer's key id on another key", `Bearer ${await signedByForger(header.kid)}`],
    ['a key id the issuer never published', `Bearer ${await signedByForger(randomUUID())}`],
    ['HS256 keyed with the public key', `Bearer ${keyedWithPublicKey}`],
    ['alg none', `Bearer ${base64url({ ...header, alg: 'none' })}.${payloadPart}.`],
    [
      'a PS256 header on an RS256 signature',
      `Bearer ${base64url({ ...header, alg: 'PS256' })}.${payloadPart}.${signaturePart}`,
    ],
    ['signature stripped', `Bearer ${headerPart}.${payloadPart}.`],
    ['tampered payload', `Bearer ${headerPart}.${base64url({ ...claims, sub: 'mallory' })}.${signaturePart}`],
    ['over-long token', `Bearer ${token}${'a'.repeat(5000)}`],
  ];
}
