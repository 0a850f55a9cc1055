import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PendingSignInCookie } from '../src/sign-in/pending-cookie.js';
import { type PendingSignIn, PendingSignInSealer } from '../src/sign-in/pending-sign-in.js';
import { allowedReturnTo, sameSiteReturnTo } from '../src/sign-in/return-to.js';

const NOW = new Date('2026-11-25T10:00:00.000Z');
const PENDING: PendingSignIn = {
  state: 'state-of-this-sign-in',
  nonce: 'nonce-of-this-sign-in',
  codeVerifier: 'v'.repeat(43),
  returnTo: '/play?theme=geography',
  expiresAt: NOW.getTime() + 600_000,
};

describe('the sealed pending sign-in', () => {
  const sealer = new PendingSignInSealer(randomBytes(32));

  it('opens to what was sealed, and shows none of it in the cookie value', () => {
    const sealed = sealer.seal(PENDING);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    for (const secret of [PENDING.state, PENDING.nonce, PENDING.codeVerifier, 'geography'])
      expect(sealed).not.toContain(secret);
    expect(sealer.open(sealed, NOW)).toEqual(PENDING);
  });

  it('seals the same sign-in differently each time (a fresh IV)', () => {
    expect(sealer.seal(PENDING)).not.toBe(sealer.seal(PENDING));
  });

  it('does not open once expired', () => {
    const sealed = sealer.seal(PENDING);
    expect(sealer.open(sealed, new Date(PENDING.expiresAt - 1))).toEqual(PENDING);
    expect(sealer.open(sealed, new Date(PENDING.expiresAt))).toBeUndefined();
  });

  it('does not open with another key, changed by one character, or in another format', () => {
    const sealed = sealer.seal(PENDING);
    expect(new PendingSignInSealer(randomBytes(32)).open(sealed, NOW)).toBeUndefined();
    const flipped = `${sealed.slice(0, 10)}${sealed[10] === 'A' ? 'B' : 'A'}${sealed.slice(11)}`;
    expect(sealer.open(flipped, NOW)).toBeUndefined();
    expect(sealer.open(sealed.replace('v1.', 'v2.'), NOW)).toBeUndefined();
    expect(sealer.open(`${sealed}.more`, NOW)).toBeUndefined();
    expect(sealer.open('v1.c2hvcnQ', NOW)).toBeUndefined();
    expect(sealer.open('', NOW)).toBeUndefined();
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new PendingSignInSealer(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('the pending sign-in cookie', () => {
  it('is the __Host- cookie, Secure, when the callback is https', () => {
    const cookie = new PendingSignInCookie('https://play.example.org/api/v1/auth/callback');
    expect(cookie.set('v1.abc')).toBe(
      '__Host-kf_sign_in=v1.abc; Max-Age=600; Path=/; HttpOnly; SameSite=Lax; Secure',
    );
    expect(cookie.read('kf_sign_in=planted; __Host-kf_sign_in=v1.abc')).toBe('v1.abc');
  });

  it('is the plain cookie over http (development), and is cleared with Max-Age=0', () => {
    const cookie = new PendingSignInCookie('http://localhost:3000/api/v1/auth/callback');
    expect(cookie.set('v1.abc')).toBe('kf_sign_in=v1.abc; Max-Age=600; Path=/; HttpOnly; SameSite=Lax');
    expect(cookie.clear()).toBe('kf_sign_in=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax');
    expect(cookie.read('theme=dark')).toBeUndefined();
  });
});

describe('return_to', () => {
  it.each([
    ['/', '/'],
    ['/play?theme=geography', '/play?theme=geography'],
    ['/a/../b', '/b'],
    ['/thème', '/th%C3%A8me'],
    ['/admin#questions', '/admin#questions'],
  ])('takes the path %j as %j', (asked, landing) => {
    expect(sameSiteReturnTo(asked)).toBe(landing);
  });

  it.each([
    'https://evil.example/',
    'javascript:alert(1)',
    '//evil.example/',
    '/\\evil.example/',
    '/\\/evil.example/',
    '\\\\evil.example',
    'play',
    '/\t/evil.example',
    '/ok\r\nSet-Cookie: x=1',
    '/ok\u0000',
    '/ok\u007f',
    '/ok here',
  ])('refuses %j, which is not a path of this site', (asked) => {
    expect(sameSiteReturnTo(asked)).toBeUndefined();
  });
});

describe('return_to outside this site', () => {
  const DEV_SERVER = 'http://localhost:5173';

  it.each([
    ['http://localhost:5173/#/play', 'http://localhost:5173/#/play'],
    ['http://localhost:5173', 'http://localhost:5173/'],
    ['http://LOCALHOST:5173/a/../#/admin', 'http://localhost:5173/#/admin'],
    ['/play', '/play'],
  ])('takes %j, a page of a trusted origin or a path, as %j', (asked, landing) => {
    expect(allowedReturnTo(asked, [DEV_SERVER])).toBe(landing);
  });

  it.each([
    'http://localhost:5174/',
    'https://localhost:5173/',
    'http://localhost:5173.evil.example/',
    'http://user:secret@localhost:5173/',
    'http://localhost:5173/ok here',
    'http://localhost:5173/\\evil',
    'javascript:alert(1)',
  ])('refuses %j, which is no page of a trusted origin', (asked) => {
    expect(allowedReturnTo(asked, [DEV_SERVER])).toBeUndefined();
  });

  it('refuses every absolute URL when no origin is trusted (production by default)', () => {
    expect(allowedReturnTo(`${DEV_SERVER}/`, [])).toBeUndefined();
  });
});
