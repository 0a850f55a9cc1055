import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SessionKey } from '../src/crypto/keyring.js';
import { SessionSealer } from '../src/crypto/session-sealer.js';
import { SessionTamperedError } from '../src/data/errors.js';

const key = (id: string): SessionKey => ({ id, secret: randomBytes(32) });
const older = key('k1');
const newer = key('k2');
const AAD = 'session:{tag}:s:handle';
const PLAINTEXT = JSON.stringify({ id: 'secret', note: 'ünïcödé ✓' });

function expectTampered(open: () => string): void {
  expect(open).toThrow(SessionTamperedError);
}

/** The sealed value with one bit of byte `index` of part `part` (decoded) flipped, re-encoded. */
function flipBit(sealed: string, part: number, index: number, bit = 0): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part] ?? '', 'base64url');
  bytes[index] = (bytes[index] ?? 0) ^ (1 << bit);
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('sealing session values', () => {
  const sealer = new SessionSealer([older]);

  it('opens what it sealed, in the v1.<keyId>.<nonce>.<ciphertext+tag> form', () => {
    const sealed = sealer.seal(PLAINTEXT, AAD);
    expect(sealed).toMatch(/^v1\.k1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('secret');
    expect(sealer.open(sealed, AAD)).toBe(PLAINTEXT);
    expect(sealer.open(sealer.seal('', AAD), AAD)).toBe('');
  });

  it('uses a fresh nonce for every value', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => sealer.seal(PLAINTEXT, AAD).split('.')[2]));
    expect(nonces.size).toBe(50);
  });

  it('refuses a flipped bit anywhere in the nonce, the ciphertext or the tag', () => {
    const sealed = sealer.seal(PLAINTEXT, AAD);
    const bodyLength = Buffer.from(sealed.split('.')[3] ?? '', 'base64url').length;
    for (let index = 0; index < 12; index += 1)
      expectTampered(() => sealer.open(flipBit(sealed, 2, index), AAD));
    for (let index = 0; index < bodyLength; index += 1) {
      for (const bit of [0, 7]) expectTampered(() => sealer.open(flipBit(sealed, 3, index, bit), AAD));
    }
  });

  it('refuses a changed version or key id, an unknown key id and a missing, extra or emptied part', () => {
    const sealed = sealer.seal(PLAINTEXT, AAD);
    const [version, keyId, nonce, body] = sealed.split('.');
    const variants = [
      ['v2', keyId, nonce, body].join('.'),
      ['V1', keyId, nonce, body].join('.'),
      [version, 'k9', nonce, body].join('.'),
      [version, '', nonce, body].join('.'),
      [version, keyId, '', body].join('.'),
      [version, keyId, nonce, ''].join('.'),
      [version, keyId, nonce].join('.'),
      [version, keyId, nonce, body, body].join('.'),
      [version, keyId, `${nonce}A`, body].join('.'),
      [version, keyId, nonce, `${body}!`].join('.'),
      [version, keyId, nonce, (body ?? '').slice(0, 21)].join('.'),
      [version, keyId, nonce, (body ?? '').slice(1)].join('.'),
      sealed.slice(0, -1),
      '',
      'garbage',
    ];
    for (const variant of variants) expectTampered(() => sealer.open(variant, AAD));
  });

  it('refuses another encoding of the same bytes: only the canonical text opens', () => {
    // An empty plaintext leaves the 16-byte tag: 22 characters whose last one carries 4 unused bits.
    const sealed = sealer.seal('', AAD);
    const last = sealed.at(-1) ?? '';
    expect(['A', 'Q', 'g', 'w']).toContain(last);
    const sameBytes = `${sealed.slice(0, -1)}${String.fromCharCode(last.charCodeAt(0) + 1)}`;
    expect(Buffer.from(sameBytes.split('.')[3] ?? '', 'base64url')).toEqual(
      Buffer.from(sealed.split('.')[3] ?? '', 'base64url'),
    );
    expectTampered(() => sealer.open(sameBytes, AAD));
    const [version, keyId, nonce, body] = sealed.split('.');
    expectTampered(() => sealer.open([version, keyId, `${nonce}=`, body].join('.'), AAD));
  });

  it('refuses the value under other associated data: a value moved to another key', () => {
    const sealed = sealer.seal(PLAINTEXT, AAD);
    expectTampered(() => sealer.open(sealed, 'session:{tag}:s:other'));
    expectTampered(() => sealer.open(sealed, ''));
  });

  it('refuses a value sealed under another key with the same id', () => {
    const impostor = new SessionSealer([{ id: 'k1', secret: randomBytes(32) }]);
    expectTampered(() => sealer.open(impostor.seal(PLAINTEXT, AAD), AAD));
  });

  it('says why in the error, never the value', () => {
    const sealed = sealer.seal(PLAINTEXT, AAD);
    const tampered = flipBit(sealed, 3, 0);
    expect(() => sealer.open(tampered, AAD)).toThrow(/^sealed session value refused: authentication failed$/);
    expect(() => sealer.open(`${sealed}.`, AAD)).toThrow(/^sealed session value refused: not four parts$/);
    const [version, keyId, nonce, body] = sealed.split('.');
    const reasons = [
      [['v2', keyId, nonce, body], 'unknown version'],
      [[version, 'k9', nonce, body], 'unknown key id'],
      [[version, keyId, `${nonce}A`, body], 'malformed nonce'],
      [[version, keyId, (nonce ?? '').replace(/^./, '!'), body], 'malformed nonce'],
      [[version, keyId, nonce, (body ?? '').slice(0, 21)], 'malformed ciphertext'],
      [[version, keyId, nonce, `${body}!`], 'malformed ciphertext'],
    ] as const;
    for (const [parts, reason] of reasons) {
      expect(() => sealer.open(parts.join('.'), AAD)).toThrow(`sealed session value refused: ${reason}`);
    }
  });

  it('keeps the failure that refused a value as its cause', () => {
    const tampered = flipBit(sealer.seal(PLAINTEXT, AAD), 3, 0);
    const refusal = (() => {
      try {
        sealer.open(tampered, AAD);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(SessionTamperedError);
    expect(refusal).toMatchObject({ cause: expect.any(Error) });
  });

  it('needs a key', () => {
    expect(() => new SessionSealer([])).toThrow(new RangeError('a session sealer needs at least one key'));
  });
});

describe('rotating session encryption keys', () => {
  it('seals with the newest key and opens with any configured one, until the old key is removed', () => {
    const before = new SessionSealer([older]);
    const during = new SessionSealer([newer, older]);
    const after = new SessionSealer([newer]);
    const old = before.seal(PLAINTEXT, AAD);

    const fresh = during.seal(PLAINTEXT, AAD);
    expect(fresh.split('.')[1]).toBe('k2');
    expect(during.open(old, AAD)).toBe(PLAINTEXT);
    expect(during.open(fresh, AAD)).toBe(PLAINTEXT);
    expect(after.open(fresh, AAD)).toBe(PLAINTEXT);
    expectTampered(() => after.open(old, AAD));
    expectTampered(() => before.open(fresh, AAD));
  });

  it('refuses a value whose key id was switched to another configured key', () => {
    const both = new SessionSealer([newer, older]);
    const sealed = both.seal(PLAINTEXT, AAD);
    expectTampered(() => both.open(sealed.replace('.k2.', '.k1.'), AAD));
  });
});
