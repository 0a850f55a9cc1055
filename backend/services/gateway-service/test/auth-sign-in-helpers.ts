import { createHash, randomBytes } from 'node:crypto';
import {
  createHumanUser,
  DEV_USERS,
  type DevIdentityProvider,
  grantProjectRoles,
  totpCode,
  ZITADEL_PATHS,
} from '@know-foolery/dev-identity';
import {
  clientCredentialsToken,
  formWithField,
  type HtmlForm,
  type SignInOptions,
  signIn as signInAtPages,
  TestBrowser,
  type Visit,
} from '@know-foolery/shared/testing';
import { AUTH_PATHS } from '../src/contract/auth.js';
import { PUBLIC_GATEWAY } from './auth-platform.js';

export interface Person {
  readonly username: string;
  readonly password: string;
  readonly totpSecret?: string | undefined;
}

export const PLAYER: Person = DEV_USERS.player;
export const ADMIN: Person = DEV_USERS.admin;

/** A browser that reaches the gateway's public address (where the issuer sends it back) at `gatewayUrl`. */
export function browserFor(gatewayUrl: string): TestBrowser {
  return new TestBrowser({ [PUBLIC_GATEWAY]: gatewayUrl });
}

export const isCallback = (url: URL): boolean => url.pathname === AUTH_PATHS.callback;

/** The password form of the issuer's login page the visit ended on; fails when it shows none. */
export async function loginForm(page: Visit): Promise<HtmlForm> {
  const form = formWithField(await page.response.text(), page.url, 'password');
  if (form === undefined) throw new Error(`no login form at ${page.url.href}`);
  return form;
}

/** What the issuer's login pages take from `person`: the password, and a TOTP code when they have a secret. */
function credentialsOf(person: Person): Pick<SignInOptions, 'user' | 'totp'> {
  const { totpSecret } = person;
  return { user: person, totp: totpSecret === undefined ? undefined : () => totpCode(totpSecret) };
}

/** The sign-in at the issuer from `start` (an authorization URL, or a link redirecting to one) to where it lands. */
export function signInFrom(
  browser: TestBrowser,
  start: string | URL,
  person: Person,
  stopBefore?: (url: URL) => boolean,
): Promise<Visit> {
  return signInAtPages(browser, { start, ...credentialsOf(person), stopBefore });
}

/** The whole sign-in as a browser goes through it, from the gateway's sign-in link to where it lands. */
export function signIn(
  browser: TestBrowser,
  gatewayUrl: string,
  person: Person,
  query = '',
  stopBefore?: (url: URL) => boolean,
): Promise<Visit> {
  return signInFrom(browser, `${gatewayUrl}${AUTH_PATHS.signIn}${query}`, person, stopBefore);
}

/**
 * A person's tokens straight from the issuer, as a client other than the gateway would get them
 * (code flow with PKCE for the web client, outside the gateway): what a bearer caller holds.
 */
export async function tokensOutsideTheGateway(
  provider: DevIdentityProvider,
  person: Person,
): Promise<{ accessToken: string }> {
  const { web } = provider.clients;
  const verifier = randomBytes(32).toString('base64url');
  const authorize = new URL(ZITADEL_PATHS.authorization, provider.url);
  authorize.search = new URLSearchParams({
    client_id: web.clientId,
    redirect_uri: `${PUBLIC_GATEWAY}${AUTH_PATHS.callback}`,
    response_type: 'code',
    scope: `openid urn:zitadel:iam:org:project:id:${provider.projectId}:aud urn:zitadel:iam:org:projects:roles`,
    state: 'outside',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const atCallback = await signInFrom(new TestBrowser(), authorize, person, isCallback);
  const callback = new URL(atCallback.response.headers.get('location') ?? '', atCallback.url);
  const response = await fetch(new URL(ZITADEL_PATHS.token, provider.url), {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${web.clientId}:${web.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code') ?? '',
      redirect_uri: `${PUBLIC_GATEWAY}${AUTH_PATHS.callback}`,
      code_verifier: verifier,
    }).toString(),
  });
  const body: unknown = await response.json();
  if (
    typeof body !== 'object' ||
    body === null ||
    !('access_token' in body) ||
    typeof body.access_token !== 'string'
  )
    throw new Error(`no access token: ${JSON.stringify(body)}`);
  return { accessToken: body.access_token };
}

/** A machine token of the services' client, for the issuer's user API. */
export async function machineToken(provider: DevIdentityProvider): Promise<string> {
  const { clientId, clientSecret } = provider.clients.machine;
  const tokenEndpoint = new URL(ZITADEL_PATHS.token, provider.url);
  const { accessToken } = await clientCredentialsToken({
    tokenEndpoint,
    clientId,
    clientSecret,
    scope: 'openid',
  });
  return accessToken;
}

/** A person to create at the issuer: their profile as Zitadel's CreateUser takes it, and project roles. */
export interface NewPerson extends Person {
  readonly profile: Readonly<Record<string, string>>;
  readonly email: { readonly email: string; readonly isVerified: boolean };
  readonly roles: readonly string[];
}

/** Creates a person through the issuer's user API (password only) and grants them project roles. */
export async function createPerson(provider: DevIdentityProvider, person: NewPerson): Promise<Person> {
  const access = { url: provider.url, token: await machineToken(provider) };
  const userId = await createHumanUser(access, person);
  await grantProjectRoles(access, { userId, projectId: provider.projectId, roleKeys: person.roles });
  return { username: person.username, password: person.password };
}

/** An admin without a second factor, made through the issuer's user API: a password is all they have. */
export function createSingleFactorAdmin(provider: DevIdentityProvider): Promise<Person> {
  return createPerson(provider, {
    username: 'solo-admin',
    password: 'solo-admin-password',
    profile: { givenName: 'Solo', familyName: 'Admin' },
    email: { email: 'solo-admin@know-foolery.localhost', isVerified: true },
    roles: ['player', 'admin'],
  });
}
