import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CookieSigner, MAX_SIGNED_COOKIE_LENGTH } from '../src/crypto/cookie-signer.js';
import type { SessionKey } from '../src/crypto/keyring.js';
import { newSessionId } from '../src/domain/session.js';

const key = (id: string): SessionKey => ({ id, secret: randomBytes(32) });
const older = key('k1');
const newer = key('signing-key-2025');

describe('signing session cookies', () => {
  const signer = new CookieSigner([older]);

  it('signs a session id as <id>.<keyId>.<mac> and verifies it back', () => {
    const id = newSessionId();
    const signed = signer.sign(id);
    expect(signed).toMatch(new RegExp(`^${id}\\.k1\\.[A-Za-z0-9_-]{43}$`));
    expect(signer.verify(signed)).toBe(id);
    expect(signer.sign(id)).toBe(signed);
  });

  it('signs only session ids', () => {
    for (const notAnId of ['', 'short', `${newSessionId()}.k1`, `${newSessionId()}x`]) {
      expect(() => signer.sign(notAnId)).toThrow(new RangeError('not a session id'));
    }
  });

  it('refuses a changed id, key id, MAC, separator, extra part or length', () => {
    const id = newSessionId();
    const signed = signer.sign(id);
    const [, keyId = '', mac = ''] = signed.split('.');
    const otherId = newSessionId();
    const flip = (text: string, index: number) =>
      `${text.slice(0, index)}${text[index] === 'A' ? 'B' : 'A'}${text.slice(index + 1)}`;
    const variants = [
      `${otherId}.${keyId}.${mac}`,
      `${flip(id, 0)}.${keyId}.${mac}`,
      `${flip(id, 42)}.${keyId}.${mac}`,
      `${id}.k2.${mac}`,
      `${id}.${newer.id}.${mac}`,
      `${id}..${mac}`,
      `${id}.${keyId}.${flip(mac, 0)}`,
      `${id}.${keyId}.${flip(mac, 42)}`,
      `${id}.${keyId}.${mac.slice(1)}`,
      `${id}.${keyId}.${mac}A`,
      `${id}.${keyId}.`,
      `${id}.${keyId}`,
      `${id}`,
      `${id}:${keyId}.${mac}`,
      `${id}.${keyId}:${mac}`,
      `${id}.${keyId}.${mac}.`,
      `${id}.${keyId}.${mac}.extra`,
      `.${id}.${keyId}.${mac}`,
      `${id} .${keyId}.${mac}`,
      `${id}.${keyId}.${mac.slice(0, 42)}=`,
      `${id.slice(1)}.${keyId}.${mac}`,
      `${id}A.${keyId}.${mac}`,
      '',
      '..',
      'x'.repeat(MAX_SIGNED_COOKIE_LENGTH + 1),
      `${signed}${'.'.repeat(10_000)}`,
    ];
    for (const variant of variants) expect(signer.verify(variant), variant).toBeUndefined();
  });

  it('accepts the longest well-formed value and refuses one character more', () => {
    const longId = { id: 'a'.repeat(16), secret: randomBytes(32) };
    const longSigner = new CookieSigner([longId]);
    const signed = longSigner.sign(newSessionId());
    expect(signed).toHaveLength(MAX_SIGNED_COOKIE_LENGTH);
    expect(longSigner.verify(signed)).toBeDefined();
    expect(longSigner.verify(`${signed}A`)).toBeUndefined();
  });

  it('refuses a MAC made with another secret under the same key id', () => {
    const impostor = new CookieSigner([{ id: 'k1', secret: randomBytes(32) }]);
    expect(signer.verify(impostor.sign(newSessionId()))).toBeUndefined();
  });

  it('needs a key', () => {
    expect(() => new CookieSigner([])).toThrow(new RangeError('a cookie signer needs at least one key'));
  });
});

describe('rotating cookie signing keys', () => {
  it('signs with the newest key and verifies with any configured one, until the old key is removed', () => {
    const id = newSessionId();
    const old = new CookieSigner([older]).sign(id);
    const during = new CookieSigner([newer, older]);
    const after = new CookieSigner([newer]);

    const fresh = during.sign(id);
    expect(fresh.split('.')[1]).toBe(newer.id);
    expect(during.verify(old)).toBe(id);
    expect(during.verify(fresh)).toBe(id);
    expect(after.verify(fresh)).toBe(id);
    expect(after.verify(old)).toBeUndefined();
  });

  it('refuses a MAC presented under the other configured key id', () => {
    const during = new CookieSigner([newer, older]);
    const id = newSessionId();
    const [, , mac] = during.sign(id).split('.');
    expect(during.verify(`${id}.${older.id}.${mac}`)).toBeUndefined();
  });
});
