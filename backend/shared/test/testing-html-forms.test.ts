import { describe, expect, it } from 'vitest';
import {
  decodeEntities,
  formAction,
  formEntries,
  formWithField,
  readForms,
} from '../src/browser/html-forms.js';

const PAGE = new URL('http://idp.test/ui/login/abc?x=1');

const LOGIN = `<h1>Sign in</h1>
<form method="post" action="/ui/login/abc/password?next=a&amp;b=c">
<input type="hidden" name="csrf" value="t&#39;ok&quot;en">
<label>Username <input name="username" autocomplete="username" value="" required></label>
<label>Password <input name="password" type="password" required /></label>
<button type="submit">Sign in</button>
</form>`;

describe('reading the forms of a page', () => {
  it('reads the action (entities decoded, resolved against the page), the method and every control', () => {
    const [form] = readForms(LOGIN, PAGE);
    expect(form?.action.href).toBe('http://idp.test/ui/login/abc/password?next=a&b=c');
    expect(form?.method).toBe('POST');
    expect(form?.controls.map(({ name, type, value }) => ({ name, type, value }))).toEqual([
      { name: 'csrf', type: 'hidden', value: `t'ok"en` },
      { name: 'username', type: 'text', value: '' },
      { name: 'password', type: 'password', value: '' },
      { name: '', type: 'submit', value: '' },
    ]);
  });

  it('takes a form without an action to the page itself, by GET unless it says POST', () => {
    const [form] = readForms("<form><input name='q' value=x></form>", PAGE);
    expect(form).toMatchObject({ method: 'GET', action: PAGE });
  });

  it("tells the page's forms apart, and puts a control naming a form by id in that form", () => {
    const logout = `<form id="op.logoutForm" method="post" action="/session/end/confirm"><input type="hidden" name="xsrf" value="abc"/></form>
<form action="/search"><input name="q"></form>
<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>`;
    const [confirm, search] = readForms(logout, PAGE);
    expect(confirm?.controls.map((control) => control.name)).toEqual(['xsrf', 'logout']);
    expect(search?.controls.map((control) => control.name)).toEqual(['q']);
    expect(formEntries(confirm ?? search ?? fail()).toString()).toBe('xsrf=abc&logout=yes');
  });

  it('ignores controls outside any form, and attributes quoted with ">" inside', () => {
    const page = `<input name="stray"><form action="/go" data-x="a>b"><input name="kept" value='1>2'></form>`;
    const [form] = readForms(page, PAGE);
    expect(form?.action.pathname).toBe('/go');
    expect(form?.controls.map((control) => `${control.name}=${control.value}`)).toEqual(['kept=1>2']);
  });

  it('finds the form with a field, and the action of the first form', () => {
    const page = `<form action="/one"><input name="a"></form><form action="/two"><input name="code"></form>`;
    expect(formWithField(page, PAGE, 'code')?.action.pathname).toBe('/two');
    expect(formWithField(page, PAGE, 'missing')).toBeUndefined();
    expect(formAction(page, PAGE).pathname).toBe('/one');
    expect(() => formAction('<p>no form here</p>', PAGE)).toThrow(/no form on the page at http:\/\/idp.test/);
  });

  it('decodes named, decimal and hexadecimal character references, and leaves unknown ones', () => {
    expect(decodeEntities('&lt;a&gt; &amp;&#38;&#x26; &apos;&nbsp;&unknown;')).toBe(
      "<a> &&& '\u00a0&unknown;",
    );
  });
});

describe('what submitting a form sends', () => {
  const form = readForms(LOGIN, PAGE)[0] ?? fail();

  it('sends the hidden fields as they are and the fields filled in, in page order', () => {
    const entries = formEntries(form, { password: 'pw', username: 'player' });
    expect([...entries]).toEqual([
      ['csrf', `t'ok"en`],
      ['username', 'player'],
      ['password', 'pw'],
    ]);
  });

  it('fails on a field the form does not have, rather than posting it', () => {
    expect(() => formEntries(form, { code: '123456' })).toThrow(/has no field "code"/);
  });

  it('sends checked boxes only, never disabled controls or buttons not pressed, and textarea text', () => {
    const page = `<form method="post" action="/save">
<input type="checkbox" name="remember" checked><input type="checkbox" name="spam" value="yes">
<input type="radio" name="plan" value="a"><input type="radio" name="plan" value="b" checked>
<input name="locked" value="x" disabled><input type="reset" name="reset" value="r">
<textarea name="note">a &amp; b</textarea>
<input type="submit" name="action" value="save"><button name="action" value="delete">Delete</button>
</form>`;
    const [settings] = readForms(page, PAGE);
    expect(formEntries(settings ?? fail()).toString()).toBe('remember=on&plan=b&note=a+%26+b&action=save');
    expect(formEntries(settings ?? fail(), {}, 'action').get('action')).toBe('save');
  });

  it('presses the button named, and fails on a button the form does not have', () => {
    const page = `<form><button name="go" value="left">L</button><button name="stay" value="right">R</button></form>`;
    const [choice] = readForms(page, PAGE);
    expect(formEntries(choice ?? fail(), {}, 'stay').toString()).toBe('stay=right');
    expect(() => formEntries(choice ?? fail(), {}, 'jump')).toThrow(/has no button "jump"/);
  });
});

function fail(): never {
  throw new Error('the page has no form');
}
