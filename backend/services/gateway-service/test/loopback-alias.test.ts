import { describe, expect, it } from 'vitest';
import { loopbackAliasRedirect } from '../src/sign-in/loopback-alias.js';

const CALLBACK = new URL('http://localhost:3000/api/v1/auth/callback');
const PATH = '/api/v1/auth/sign-in?return_to=%2F';

describe('a sign-in opened under another loopback name than its callback’s', () => {
  it.each(['127.0.0.1:3000', '[::1]:3000'])(
    'sends %s to the callback’s name, path and query kept',
    (host) => {
      expect(loopbackAliasRedirect(host, PATH, CALLBACK)).toBe(`http://localhost:3000${PATH}`);
    },
  );

  it('sends localhost to 127.0.0.1 when that is the callback’s name', () => {
    const callback = new URL('http://127.0.0.1:3000/api/v1/auth/callback');
    expect(loopbackAliasRedirect('localhost:3000', PATH, callback)).toBe(`http://127.0.0.1:3000${PATH}`);
  });

  it.each([
    ['the callback’s own name', 'localhost:3000'],
    ['no Host at all', undefined],
    ['another port (a test gateway, a proxy)', '127.0.0.1:8080'],
    ['a name of another machine', 'play.example.org:3000'],
    ['a Host that is no host', 'bad host:3000'],
  ])('leaves alone %s', (_, host) => {
    expect(loopbackAliasRedirect(host, PATH, CALLBACK)).toBeUndefined();
  });

  it('never sends a browser elsewhere when the callback itself is on a public name', () => {
    const callback = new URL('https://play.example.org/api/v1/auth/callback');
    expect(loopbackAliasRedirect('127.0.0.1', PATH, callback)).toBeUndefined();
  });

  it('tells the default port from an explicit other one', () => {
    const callback = new URL('http://localhost/api/v1/auth/callback');
    expect(loopbackAliasRedirect('127.0.0.1', PATH, callback)).toBe(`http://localhost${PATH}`);
    expect(loopbackAliasRedirect('127.0.0.1:3000', PATH, callback)).toBeUndefined();
  });
});
