import { describe, expect, it } from 'vitest';
import { MAX_COOKIE_HEADER_LENGTH, readCookie } from '../src/cookies/cookie-header.js';
import { clearedSessionCookie, sessionCookie, sessionCookieName } from '../src/cookies/session-cookie.js';

describe('reading a cookie from a Cookie header', () => {
  it.each([
    ['the only cookie', 'kf_session=abc', 'abc'],
    ['one among others, spaces around', 'a=1;  kf_session=abc.def ; b=2', 'abc.def'],
    ['without spaces', 'a=1;kf_session=abc', 'abc'],
    ['the first of two with the name', 'kf_session=first; kf_session=second', 'first'],
    ['a quoted value', 'kf_session="abc"', 'abc'],
    ['an empty quoted value', 'kf_session=""', ''],
    ['a lone quote, kept', 'kf_session="', '"'],
    ['an opening quote only, kept', 'kf_session="abc', '"abc'],
    ['a closing quote only, kept', 'kf_session=abc"', 'abc"'],
    [
      'a header exactly as long as allowed',
      `kf_session=abc;${'x'.repeat(MAX_COOKIE_HEADER_LENGTH - 15)}`,
      'abc',
    ],
    ['an empty value', 'kf_session=', ''],
    ['a value holding "="', 'kf_session=a=b', 'a=b'],
  ])('finds %s', (_case, header, value) => {
    expect(readCookie(header, 'kf_session')).toBe(value);
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['only other cookies', 'a=1; b=2'],
    ['a name that only ends with it', 'x_kf_session=abc'],
    ['a name that only starts with it', 'kf_session_old=abc'],
    ['the name without "="', 'kf_session; a=1'],
    ['the name and one more character without "="', 'kf_sessionX; a=1'],
    ['a header longer than any browser sends', `kf_session=abc; pad=${'x'.repeat(MAX_COOKIE_HEADER_LENGTH)}`],
  ])('finds nothing in %s', (_case, header) => {
    expect(readCookie(header, 'kf_session')).toBeUndefined();
  });
});

describe('setting the session cookie', () => {
  it('names it __Host- only when secure', () => {
    expect(sessionCookieName(true)).toBe('__Host-kf_session');
    expect(sessionCookieName(false)).toBe('kf_session');
  });

  it('writes the attributes that keep it from scripts and cross-site requests', () => {
    expect(sessionCookie('a.b.c', 3600, true)).toBe(
      '__Host-kf_session=a.b.c; Max-Age=3600; Path=/; HttpOnly; SameSite=Lax; Secure',
    );
    expect(sessionCookie('a.b.c', 3600, false)).toBe(
      'kf_session=a.b.c; Max-Age=3600; Path=/; HttpOnly; SameSite=Lax',
    );
  });

  it('clears it with an empty value that expires at once', () => {
    expect(clearedSessionCookie(true)).toBe(
      '__Host-kf_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax; Secure',
    );
    expect(clearedSessionCookie(false)).toBe('kf_session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax');
  });

  it.each(['a;b', 'a b', 'a,b', 'a"b', 'a\\b', 'a\r\nSet-Cookie: x=1', 'é'])(
    'refuses the value %j, which could break out of the header',
    (value) => {
      expect(() => sessionCookie(value, 60, true)).toThrow(RangeError);
    },
  );

  it.each([-1, 1.5, Number.NaN])('refuses the Max-Age %s', (maxAge) => {
    expect(() => sessionCookie('abc', maxAge, true)).toThrow(RangeError);
  });
});
