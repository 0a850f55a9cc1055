import { describe, expect, it } from 'vitest';
import { CookieJar } from '../src/browser/cookie-jar.js';
import { parseSetCookie } from '../src/browser/set-cookie.js';
import { ManualClock } from '../src/testing/manual-clock.js';

const at = (url: string) => new URL(url);

function jarWith(url: string, ...lines: string[]): CookieJar {
  const jar = new CookieJar(new ManualClock());
  jar.store(lines, at(url));
  return jar;
}

describe('reading a Set-Cookie line', () => {
  it('takes the name, the value and every attribute, the last of each winning', () => {
    expect(
      parseSetCookie(
        ' sid = a=b ; Max-Age=60; Path=/one; path=/two; Domain=.Example.TEST; Secure; HttpOnly; SameSite=strict; Expires=Wed, 21 Oct 2026 07:28:00 GMT',
      ),
    ).toEqual({
      name: 'sid',
      value: 'a=b',
      maxAgeSeconds: 60,
      expires: new Date('2026-10-21T07:28:00Z'),
      domain: 'example.test',
      path: '/two',
      secure: true,
      httpOnly: true,
      sameSite: 'Strict',
    });
  });

  it.each([
    ['no equals sign', 'flag'],
    ['an empty name', '=value'],
  ])('ignores a line with %s', (_reason, line) => {
    expect(parseSetCookie(line)).toBeUndefined();
  });

  it('leaves out attributes a browser would not read: a bad Max-Age or date, a path not starting with /, an unknown SameSite', () => {
    expect(
      parseSetCookie('a=1; Max-Age=1e3; Expires=someday; Path=relative; SameSite=sometimes; Domain='),
    ).toMatchObject({
      maxAgeSeconds: undefined,
      expires: undefined,
      path: undefined,
      sameSite: undefined,
      domain: undefined,
    });
    expect(parseSetCookie('a=1; Max-Age=-5')?.maxAgeSeconds).toBe(-5);
  });
});

describe('a cookie jar', () => {
  describe('hosts and domains', () => {
    it('sends a cookie set without Domain to its host only, not to other hosts or ports', () => {
      const jar = jarWith('http://app.example.test/', 'sid=1; Path=/');
      expect(jar.header(at('http://app.example.test/page'))).toBe('sid=1');
      expect(jar.header(at('http://app.example.test:8080/page'))).toBe('sid=1');
      expect(jar.header(at('http://sub.app.example.test/'))).toBeUndefined();
      expect(jar.header(at('http://example.test/'))).toBeUndefined();
      expect(jar.header(at('http://127.0.0.1/'))).toBeUndefined();
    });

    it('sends a Domain cookie to the domain and the names under it', () => {
      const jar = jarWith('http://app.example.test/', 'wide=1; Domain=example.test; Path=/');
      expect(jar.header(at('http://example.test/'))).toBe('wide=1');
      expect(jar.header(at('http://other.example.test/'))).toBe('wide=1');
      expect(jar.header(at('http://notexample.test/'))).toBeUndefined();
      expect(jar.cookies()).toMatchObject([{ domain: 'example.test', hostOnly: false }]);
    });

    it('refuses a Domain the host is not in, and one under an IP address', () => {
      const jar = new CookieJar(new ManualClock());
      jar.store(['a=1; Domain=elsewhere.test'], at('http://app.example.test/'));
      jar.store(['b=1; Domain=sub.app.example.test'], at('http://app.example.test/'));
      jar.store(['c=1; Domain=0.0.1'], at('http://127.0.0.1/'));
      jar.store(['d=1; Domain=127.0.0.1'], at('http://127.0.0.1/'));
      expect(jar.cookies().map((cookie) => cookie.name)).toEqual(['d']);
    });
  });

  describe('paths', () => {
    it('sends a cookie to its path and below, not to a path that merely starts with the same letters', () => {
      const jar = jarWith('http://site.test/', 'a=1; Path=/app');
      expect(jar.header(at('http://site.test/app'))).toBe('a=1');
      expect(jar.header(at('http://site.test/app/games?x=1'))).toBe('a=1');
      expect(jar.header(at('http://site.test/apple'))).toBeUndefined();
      expect(jar.header(at('http://site.test/'))).toBeUndefined();
    });

    it("gives a cookie without Path the directory of the request's path", () => {
      const jar = jarWith('http://site.test/ui/login/abc', 'step=1');
      expect(jar.cookies()).toMatchObject([{ path: '/ui/login' }]);
      expect(jarWith('http://site.test/login', 'step=1').cookies()).toMatchObject([{ path: '/' }]);
    });

    it('sends the most specific path first, then the older cookie', () => {
      const jar = new CookieJar(new ManualClock());
      jar.store(
        ['root=1; Path=/', 'deep=1; Path=/a/b', 'mid=1; Path=/a', 'root2=1; Path=/'],
        at('http://s.test/'),
      );
      expect(jar.header(at('http://s.test/a/b/c'))).toBe('deep=1; mid=1; root=1; root2=1');
    });

    it('keeps a cookie of the same name apart on another path, and replaces it on the same one in its place', () => {
      const jar = new CookieJar(new ManualClock());
      jar.store(['a=1; Path=/', 'b=1; Path=/', 'a=2; Path=/x'], at('http://s.test/'));
      jar.store(['a=3; Path=/'], at('http://s.test/'));
      expect(jar.header(at('http://s.test/x'))).toBe('a=2; a=3; b=1');
      expect(jar.get(at('http://s.test/x'), 'a')).toBe('2');
      expect(jar.get(at('http://s.test/'), 'a')).toBe('3');
    });
  });

  describe('Secure', () => {
    it('is not stored from an insecure origin, and goes only to secure ones', () => {
      const jar = new CookieJar(new ManualClock());
      jar.store(['plain=1; Secure; Path=/'], at('http://site.test/'));
      expect(jar.cookies()).toEqual([]);
      jar.store(['safe=1; Secure; Path=/'], at('https://site.test/'));
      expect(jar.header(at('https://site.test/'))).toBe('safe=1');
      expect(jar.header(at('http://site.test/'))).toBeUndefined();
    });

    it.each([
      'http://localhost:3000/',
      'http://app.localhost/',
      'http://127.0.0.1:3000/',
      'http://127.3.2.1/',
      'http://[::1]:3000/',
    ])('is stored and sent over plain http on the loopback origin %s, as browsers do', (url) => {
      const jar = jarWith(url, 'safe=1; Secure; Path=/');
      expect(jar.header(at(url))).toBe('safe=1');
    });

    it('cannot be replaced or cleared from an insecure origin', () => {
      const jar = jarWith('https://site.test/', 'sid=secret; Secure; Path=/');
      jar.store(
        ['sid=forged; Path=/', 'sid=; Max-Age=0; Path=/', 'sid=deeper; Path=/app'],
        at('http://site.test/'),
      );
      expect(jar.get(at('https://site.test/'), 'sid')).toBe('secret');
      expect(jar.cookies().map((cookie) => cookie.value)).toEqual(['secret']);
    });
  });

  describe('name prefixes', () => {
    const origin = 'https://site.test/deep/page';

    it.each([
      ['__Host-sid=1; Secure; Path=/', true],
      ['__HOST-sid=1; Secure; Path=/', true],
      ['__Host-sid=1; Path=/', false],
      ['__Host-sid=1; Secure', false],
      ['__Host-sid=1; Secure; Path=/deep', false],
      ['__Host-sid=1; Secure; Path=/; Domain=site.test', false],
      ['__Secure-sid=1; Secure; Path=/deep', true],
      ['__secure-sid=1; Path=/', false],
    ])('stores %j from an https page: %s', (line, stored) => {
      expect(jarWith(origin, line).cookies()).toHaveLength(stored ? 1 : 0);
    });

    it('refuses __Host- and __Secure- cookies from an insecure origin, Secure or not', () => {
      const jar = new CookieJar(new ManualClock());
      jar.store(['__Host-a=1; Secure; Path=/', '__Secure-b=1; Secure'], at('http://site.test/'));
      expect(jar.cookies()).toEqual([]);
    });
  });

  it('keeps HttpOnly cookies out of what script reads', () => {
    const jar = jarWith('http://localhost/', 'sid=1; HttpOnly; Path=/', 'theme=dark; Path=/');
    expect(jar.header(at('http://localhost/'))).toBe('sid=1; theme=dark');
    expect(jar.scriptCookies(at('http://localhost/'))).toBe('theme=dark');
    expect(jar.cookies()).toMatchObject([
      { name: 'sid', httpOnly: true },
      { name: 'theme', httpOnly: false },
    ]);
  });

  describe('expiry', () => {
    it('drops a cookie once its Max-Age has passed on the clock, and Max-Age wins over Expires', () => {
      const clock = new ManualClock('2026-11-24T12:00:00.000Z');
      const jar = new CookieJar(clock);
      jar.store(['a=1; Max-Age=60; Expires=Wed, 25 Nov 2026 12:00:00 GMT; Path=/'], at('http://s.test/'));
      expect(jar.cookies()).toMatchObject([{ expiresAt: new Date('2026-11-24T12:01:00.000Z') }]);
      clock.advanceSeconds(59);
      expect(jar.header(at('http://s.test/'))).toBe('a=1');
      clock.advanceSeconds(1);
      expect(jar.header(at('http://s.test/'))).toBeUndefined();
      expect(jar.cookies()).toEqual([]);
    });

    it('drops a cookie at its Expires, and keeps one with neither for the session', () => {
      const clock = new ManualClock('2026-11-24T12:00:00.000Z');
      const jar = new CookieJar(clock);
      jar.store(
        ['dated=1; Expires=Tue, 24 Nov 2026 13:00:00 GMT; Path=/', 'session=1; Path=/'],
        at('http://s.test/'),
      );
      expect(jar.cookies()).toMatchObject([{ name: 'dated' }, { name: 'session', expiresAt: null }]);
      clock.advanceSeconds(3600);
      expect(jar.header(at('http://s.test/'))).toBe('session=1');
    });

    it.each([
      'sid=; Max-Age=0; Path=/',
      'sid=gone; Max-Age=-1; Path=/',
      'sid=gone; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/',
    ])('removes the cookie when told %j', (line) => {
      const jar = jarWith('http://s.test/', 'sid=1; Path=/', 'other=1; Path=/');
      jar.store([line], at('http://s.test/'));
      expect(jar.header(at('http://s.test/'))).toBe('other=1');
    });
  });
});
