import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientCredentialsToken } from '../src/browser/client-credentials.js';
import { readForms } from '../src/browser/html-forms.js';
import { signIn } from '../src/browser/sign-in.js';
import { TestBrowser } from '../src/browser/test-browser.js';
import {
  html,
  json,
  redirect,
  type SiteAnswer,
  type SiteRequest,
  startTestSite,
  type TestSite,
} from './browser-test-site.js';

/** What a page at the site shows: the Cookie header it was sent, for the test to read back. */
const echo = (request: SiteRequest): SiteAnswer =>
  json({ cookie: request.cookie ?? null, body: request.body });

async function bodyOf(response: Response): Promise<unknown> {
  return response.json();
}

describe('a test browser against a real HTTP server', () => {
  let site: TestSite;
  let localhost: string;

  beforeAll(async () => {
    site = await startTestSite((request) => {
      switch (request.path) {
        case '/set':
          return { headers: { 'set-cookie': request.query.getAll('c') } };
        case '/see-other':
          return redirect('/landing', 303, ['hop=1; Path=/']);
        case '/temporary':
          return redirect('/echo', 307);
        case '/moved':
          return redirect('/echo', 302);
        case '/loop':
          return redirect('/loop');
        case '/nowhere':
          return { status: 302 };
        case '/elsewhere':
          return redirect('http://public.test:3000/landing?from=elsewhere');
        default:
          return echo(request);
      }
    });
    localhost = site.url.replace('127.0.0.1', 'localhost');
  });

  afterAll(async () => {
    await site?.close();
  });

  const setting = (...cookies: string[]) =>
    `${site.url}/set?${new URLSearchParams(cookies.map((cookie): [string, string] => ['c', cookie]))}`;

  it("keeps a site's cookies for its host: the same server under another name gets none", async () => {
    const browser = new TestBrowser();
    await browser.request(setting('sid=1; Path=/; HttpOnly', 'theme=dark; Path=/'));

    const same = await browser.request(`${site.url}/echo`);
    expect(await bodyOf(same.response)).toMatchObject({ cookie: 'sid=1; theme=dark' });
    const other = await browser.request(`${localhost}/echo`);
    expect(await bodyOf(other.response)).toMatchObject({ cookie: null });
    expect(browser.cookie(site.url, 'sid')).toBe('1');
    expect(browser.cookie(localhost, 'sid')).toBeUndefined();
    expect(browser.jar.scriptCookies(new URL(site.url))).toBe('theme=dark');
  });

  it('sends a cookie only under its path, and forgets it when the site clears it', async () => {
    const browser = new TestBrowser();
    await browser.request(setting('scoped=1; Path=/echo/deep', 'wide=1; Path=/'));
    expect(await bodyOf((await browser.request(`${site.url}/echo/deep/er`)).response)).toMatchObject({
      cookie: 'scoped=1; wide=1',
    });
    expect(browser.cookieHeader(`${site.url}/echo`)).toBe('wide=1');

    await browser.request(setting('wide=; Max-Age=0; Path=/'));
    expect(browser.cookieHeader(`${site.url}/echo`)).toBe('');
  });

  it('follows a 303 after a form post with a GET, keeping the cookies set on the way', async () => {
    const browser = new TestBrowser();
    const visit = await browser.follow(`${site.url}/see-other`, { form: { a: '1' } });
    expect(visit.url.href).toBe(`${site.url}/landing`);
    expect(await bodyOf(visit.response)).toEqual({ cookie: 'hop=1', body: '' });
    expect(
      site.seen.slice(-2).map(({ method, path, contentType }) => ({ method, path, contentType })),
    ).toEqual([
      { method: 'POST', path: '/see-other', contentType: 'application/x-www-form-urlencoded' },
      { method: 'GET', path: '/landing', contentType: undefined },
    ]);
    expect(
      browser.history.map(({ method, url, status, setCookies }) => [
        method,
        url.pathname,
        status,
        setCookies,
      ]),
    ).toEqual([
      ['POST', '/see-other', 303, ['hop=1; Path=/']],
      ['GET', '/landing', 200, []],
    ]);
  });

  it('repeats a form post on a 307, and turns it into a GET on a 302', async () => {
    const browser = new TestBrowser();
    const repeated = await browser.follow(`${site.url}/temporary`, { form: { answer: '42' } });
    expect(await bodyOf(repeated.response)).toMatchObject({ body: 'answer=42' });
    expect(site.seen.at(-1)).toMatchObject({
      method: 'POST',
      contentType: 'application/x-www-form-urlencoded',
    });

    const moved = await browser.follow(`${site.url}/moved`, { form: { answer: '42' } });
    expect(await bodyOf(moved.response)).toMatchObject({ body: '' });
    expect(site.seen.at(-1)?.method).toBe('GET');
  });

  it('sends a body as it is with the content type given, and refuses a form and a body at once', async () => {
    const browser = new TestBrowser();
    const sent = await browser.request(`${site.url}/echo`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: '{"displayName":"Pat"}',
    });
    expect(await bodyOf(sent.response)).toMatchObject({ body: '{"displayName":"Pat"}' });
    expect(site.seen.at(-1)).toMatchObject({ method: 'PATCH', contentType: 'application/json' });
    await expect(browser.request(`${site.url}/echo`, { form: { a: '1' }, body: 'a=1' })).rejects.toThrow(
      'a request sends a form or a body, not both',
    );
  });

  it('sends headers given for a request with the first request only, as a page would', async () => {
    const browser = new TestBrowser();
    await browser.follow(`${site.url}/moved`, { method: 'POST', headers: { origin: 'http://page.test' } });
    expect(site.seen.slice(-2).map((request) => request.origin)).toEqual(['http://page.test', undefined]);
  });

  it('stops before a redirect `stopBefore` names, and refuses a loop or a redirect without Location', async () => {
    const browser = new TestBrowser();
    const stopped = await browser.follow(`${site.url}/see-other`, {
      stopBefore: (url) => url.pathname === '/landing',
    });
    expect(stopped.response.status).toBe(303);
    expect(stopped.url.pathname).toBe('/see-other');

    await expect(browser.follow(`${site.url}/loop`)).rejects.toThrow(/more than 20 redirects/);
    await expect(browser.follow(`${site.url}/nowhere`)).rejects.toThrow(/a 302 without Location/);
  });

  it('reaches an alias at the server it points to, cookies and all, and asks `stopBefore` about the address as given', async () => {
    const browser = new TestBrowser({ 'http://public.test:3000': site.url });
    await browser.request(setting('sid=1; Path=/'));
    const asked: string[] = [];
    const landed = await browser.follow(`${site.url}/elsewhere`, {
      stopBefore: (url) => {
        asked.push(url.origin);
        return false;
      },
    });
    expect(asked).toEqual(['http://public.test:3000']);
    expect(landed.url.href).toBe(`${site.url}/landing?from=elsewhere`);
    expect(await bodyOf(landed.response)).toMatchObject({ cookie: 'sid=1' });
    expect(browser.cookie('http://public.test:3000/', 'sid')).toBe('1');
  });

  it("lends its cookies to an API client's fetch, and keeps what the API sets", async () => {
    const browser = new TestBrowser();
    await browser.request(setting('sid=1; Path=/'));
    const response = await browser.fetch(
      new Request(`${site.url}/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://page.test' },
        body: JSON.stringify({ theme: 'x' }),
      }),
    );
    expect(await bodyOf(response)).toEqual({ cookie: 'sid=1', body: '{"theme":"x"}' });
    expect(site.seen.at(-1)).toMatchObject({ origin: 'http://page.test', contentType: 'application/json' });

    await browser.fetch(new Request(setting('csrf=2; Path=/')));
    expect(browser.cookieHeader(site.url)).toBe('sid=1; csrf=2');
  });

  it('submits a GET form as a query, and a POST form with the button pressed', async () => {
    const browser = new TestBrowser();
    const page = new URL(`${site.url}/page`);
    const [search, confirm] = readForms(
      `<form action="/echo?old=1"><input name="q"></form>
<form id="f" method="post" action="/echo"><input type="hidden" name="xsrf" value="t"></form>
<button form="f" name="logout" value="yes">Sign out</button>`,
      page,
    );
    if (search === undefined || confirm === undefined) throw new Error('the page has two forms');
    const found = await browser.submit(search, { q: 'a b' });
    expect(found.url.search).toBe('?q=a+b');
    const posted = await browser.submit(confirm, {}, { submitter: 'logout' });
    expect(await bodyOf(posted.response)).toMatchObject({ body: 'xsrf=t&logout=yes' });
  });
});

/** A client's sign-in at a provider with plain forms: a password page, then a TOTP page for `ada`. */
function provider(request: SiteRequest): SiteAnswer {
  const interaction = request.cookie?.includes('interaction=i1') === true;
  const alert = (text: string) => `<p role="alert">${text}</p>`;
  const passwordForm = `<form method="post" action="/login/password"><input type="hidden" name="step" value="pw"><input name="username"><input name="password" type="password"><button>Sign in</button></form>`;
  const codeForm = `<form method="post" action="/login/totp"><input name="code"><button>Verify</button></form>`;
  const form = new URLSearchParams(request.body);
  switch (request.path) {
    case '/app/sign-in':
      return redirect('/authorize', 302, ['pending=p1; Path=/app; HttpOnly']);
    case '/authorize':
      return redirect('/login', 302, ['interaction=i1; Path=/login; HttpOnly']);
    case '/login':
      return html(passwordForm);
    case '/login/password': {
      if (!interaction || form.get('step') !== 'pw') return html(alert('This sign-in has expired.'));
      const user = form.get('username');
      if (form.get('password') !== `${user}-password`)
        return html(`${alert('The password is wrong.')}${passwordForm}`);
      return user === 'ada' ? html(codeForm) : redirect(`/app/callback?code=for-${user}`);
    }
    case '/login/totp':
      return interaction && form.get('code') === '123456'
        ? redirect('/app/callback?code=for-ada')
        : html(`${alert('The code is wrong.')}${codeForm}`);
    case '/app/callback':
      return request.cookie?.includes('pending=p1') === true
        ? redirect('/app/home', 302, [`session=${request.query.get('code')}; Path=/; HttpOnly`])
        : json({ code: 'SIGN_IN_NOT_PENDING' }, 400);
    default:
      return html(`<p>Signed in with ${request.cookie ?? 'no cookie'}</p>`);
  }
}

describe('signing in through plain login forms', () => {
  let site: TestSite;

  beforeAll(async () => {
    site = await startTestSite(provider);
  });

  afterAll(async () => {
    await site?.close();
  });

  const start = () => `${site.url}/app/sign-in`;

  it('fills in the password form and lands where the client sends the browser, its answer still readable', async () => {
    const browser = new TestBrowser();
    const landed = await signIn(browser, {
      start: start(),
      user: { username: 'pat', password: 'pat-password' },
    });
    expect(landed.url.pathname).toBe('/app/home');
    expect(landed.response.headers.get('content-type')).toContain('text/html');
    expect(await landed.response.text()).toContain('<p>Signed in with pending=p1; session=for-pat</p>');
    expect(site.seen.find((request) => request.path === '/login/password')?.body).toBe(
      'step=pw&username=pat&password=pat-password',
    );
  });

  it('gives the code of the moment when the provider asks for one', async () => {
    const browser = new TestBrowser();
    const codes = ['123456'];
    const landed = await signIn(browser, {
      start: start(),
      user: { username: 'ada', password: 'ada-password' },
      totp: () => codes.shift() ?? 'spent',
    });
    expect(await landed.response.text()).toContain('Signed in with pending=p1; session=for-ada');
    expect(codes).toEqual([]);
  });

  it('stops before the redirect `stopBefore` names, such as the callback with its code', async () => {
    const browser = new TestBrowser();
    const atCallback = await signIn(browser, {
      start: start(),
      user: { username: 'pat', password: 'pat-password' },
      stopBefore: (url) => url.pathname === '/app/callback',
    });
    expect(atCallback.response.status).toBe(302);
    expect(atCallback.response.headers.get('location')).toBe('/app/callback?code=for-pat');
  });

  it('hands back a landing that is no page (JSON) as it came', async () => {
    const browser = new TestBrowser();
    const visit = await signIn(browser, {
      // Straight to the provider: the client never set its pending cookie, and its callback refuses.
      start: `${site.url}/authorize`,
      user: { username: 'ada', password: 'ada-password' },
      totp: () => '123456',
      stopBefore: () => false,
    });
    expect(visit.response.status).toBe(400);
    expect(await bodyOf(visit.response)).toEqual({ code: 'SIGN_IN_NOT_PENDING' });
  });

  it.each([
    [
      { username: 'pat', password: 'wrong' },
      undefined,
      /the password was refused at .*The password is wrong/,
    ],
    [
      { username: 'ada', password: 'ada-password' },
      undefined,
      /a second-factor code was asked for and none given/,
    ],
    [
      { username: 'ada', password: 'ada-password' },
      () => '000000',
      /the code was refused at .*The code is wrong/,
    ],
  ])('fails saying what the page said for %j', async (user, totp, error) => {
    await expect(signIn(new TestBrowser(), { start: start(), user, totp })).rejects.toThrow(error);
  });

  it('fails when the start leads to no login form', async () => {
    await expect(
      signIn(new TestBrowser(), { start: `${site.url}/app/home`, user: { username: 'pat', password: 'x' } }),
    ).rejects.toThrow(/no login form at .*\/app\/home \(200\)/);
  });
});

describe('a machine token by client credentials', () => {
  let site: TestSite;
  const secret = 'se:cr%et';

  beforeAll(async () => {
    site = await startTestSite((request) => {
      const expected = `Basic ${Buffer.from(`machine:${encodeURIComponent(secret)}`).toString('base64')}`;
      if (request.path === '/broken') return { status: 502, body: '<html>bad gateway</html>' };
      if (request.authorization !== expected) return json({ error: 'invalid_client' }, 401);
      const form = new URLSearchParams(request.body);
      if (form.get('grant_type') !== 'client_credentials')
        return json({ error: 'unsupported_grant_type' }, 400);
      return json({
        access_token: `token-for-${form.get('scope') ?? 'nothing'}`,
        token_type: 'Bearer',
        ...(form.has('scope') ? { expires_in: 3600 } : {}),
      });
    });
  });

  afterAll(async () => {
    await site?.close();
  });

  it('authenticates with the id and secret (encoded, then base64) and answers the token', async () => {
    const token = await clientCredentialsToken({
      tokenEndpoint: `${site.url}/oauth/v2/token`,
      clientId: 'machine',
      clientSecret: secret,
      scope: 'openid profile',
    });
    expect(token).toEqual({
      accessToken: 'token-for-openid profile',
      tokenType: 'Bearer',
      expiresInSeconds: 3600,
    });
    expect(site.seen.at(-1)?.body).toBe('grant_type=client_credentials&scope=openid+profile');
    const unscoped = await clientCredentialsToken({
      tokenEndpoint: `${site.url}/oauth/v2/token`,
      clientId: 'machine',
      clientSecret: secret,
    });
    expect(unscoped.expiresInSeconds).toBeNull();
  });

  it('fails with the status and the OAuth error, or the status alone when the answer is no JSON', async () => {
    const wrong = { tokenEndpoint: `${site.url}/oauth/v2/token`, clientId: 'machine', clientSecret: 'wrong' };
    await expect(clientCredentialsToken(wrong)).rejects.toThrow(
      'the token endpoint answered 401 invalid_client, not a token',
    );
    const broken = { ...wrong, tokenEndpoint: `${site.url}/broken` };
    await expect(clientCredentialsToken(broken)).rejects.toThrow(
      'the token endpoint answered 502, not a token',
    );
  });
});
