import { Secret, TOTP } from 'otpauth';

/**
 * Time-based one-time passwords as Zitadel's authenticator apps use them (RFC 6238): HMAC-SHA-1,
 * six digits, a 30-second step. A code is accepted one step early or late, for clock drift.
 */
const SETTINGS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
const ACCEPTED_DRIFT_STEPS = 1;

function totpFor(base32Secret: string): TOTP {
  return new TOTP({ ...SETTINGS, secret: Secret.fromBase32(base32Secret) });
}

/** The code an authenticator app shows at `at` for a base32 secret (tests use it to sign in). */
export function totpCode(base32Secret: string, at: Date = new Date()): string {
  return totpFor(base32Secret).generate({ timestamp: at.getTime() });
}

export function verifyTotpCode(base32Secret: string, code: string, at: Date = new Date()): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  return (
    totpFor(base32Secret).validate({ token: code, timestamp: at.getTime(), window: ACCEPTED_DRIFT_STEPS }) !==
    null
  );
}

const MIN_SECRET_BYTES = 16;

/** A secret is usable when it is base32 and holds at least the 128 bits RFC 4226 requires. */
export function isUsableTotpSecret(value: string): boolean {
  if (!/^[A-Z2-7]+=*$/.test(value)) return false;
  return Secret.fromBase32(value).bytes.length >= MIN_SECRET_BYTES;
}
