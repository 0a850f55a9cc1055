import { errorParagraph, escapeHtml, page } from './html.js';

export function loginPage(action: string, error?: string, username = ''): string {
  return page(
    'Sign in',
    `${errorParagraph(error)}
<form method="post" action="${escapeHtml(action)}">
<label>Username <input name="username" autocomplete="username" value="${escapeHtml(username)}" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form>`,
  );
}

export function totpPage(action: string, error?: string): string {
  return page(
    'Two-factor authentication',
    `${errorParagraph(error)}
<form method="post" action="${escapeHtml(action)}">
<label>Code from your authenticator app <input name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" required></label>
<button type="submit">Verify</button>
</form>`,
  );
}

/** oidc-provider's logout confirmation: `form` is its hidden form (id `op.logoutForm`) carrying the xsrf token. */
export function logoutPage(form: string): string {
  return page(
    'Sign out',
    `${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>`,
  );
}

export function signedOutPage(): string {
  return page('Signed out', '<p>You are signed out.</p>');
}

export function errorPage(error: string, description: string | undefined): string {
  return page('Sign-in error', `<p>${escapeHtml(error)}</p>${errorParagraph(description)}`);
}

export function noticePage(message: string): string {
  return page('Sign in', errorParagraph(message));
}
