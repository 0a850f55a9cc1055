import { describe, expect, it } from 'vitest';
import { DEV_USERS, totpCode } from '../src/index.js';
import { isUsableTotpSecret, verifyTotpCode } from '../src/users/totp.js';

/** RFC 6238 appendix B: the SHA-1 seed "12345678901234567890", in base32. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP (RFC 6238, SHA-1, 6 digits, 30 s)', () => {
  it('computes the RFC 6238 test vectors (their last six digits)', () => {
    expect(totpCode(RFC_SECRET, new Date(59_000))).toBe('287082');
    expect(totpCode(RFC_SECRET, new Date(1_111_111_109_000))).toBe('081804');
    expect(totpCode(RFC_SECRET, new Date(2_000_000_000_000))).toBe('279037');
  });

  it('accepts a code one step early or late, not two', () => {
    const at = new Date(1_111_111_109_000);
    const code = totpCode(RFC_SECRET, at);

    expect(verifyTotpCode(RFC_SECRET, code, new Date(at.getTime() + 30_000))).toBe(true);
    expect(verifyTotpCode(RFC_SECRET, code, new Date(at.getTime() - 30_000))).toBe(true);
    expect(verifyTotpCode(RFC_SECRET, code, new Date(at.getTime() + 60_000))).toBe(false);
    expect(verifyTotpCode(RFC_SECRET, '12345', at)).toBe(false);
  });

  it('takes base32 secrets of at least 128 bits, like the admin’s', () => {
    expect(isUsableTotpSecret(DEV_USERS.admin.totpSecret)).toBe(true);
    expect(isUsableTotpSecret('JBSWY3DPEHPK3PXP')).toBe(false);
    expect(isUsableTotpSecret('not base32 at all!')).toBe(false);
  });
});
