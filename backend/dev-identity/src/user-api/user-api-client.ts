/**
 * A client of the provider's user API as Zitadel's v2 API takes it, for the machine user (a token
 * of DEV_CLIENTS.machine): what tests and seeding use to add people without reaching into the
 * provider's memory. Against Zitadel the same calls work unchanged.
 */

const CREATE_USER_PATH = '/v2/users/new';
const CREATE_AUTHORIZATION_PATH = '/zitadel.authorization.v2.AuthorizationService/CreateAuthorization';

/** A human user to create: their profile and email as CreateUser takes them. */
export interface NewHumanUser {
  readonly username: string;
  readonly profile: Readonly<Record<string, string>>;
  readonly email: { readonly email: string; readonly isVerified: boolean };
  /** Their password; without one they cannot sign in until one is set. */
  readonly password?: string | undefined;
}

/** Where the user API is and the machine user's access token for it. */
export interface UserApiAccess {
  readonly url: string | URL;
  readonly token: string;
}

/** Posts `body` to `path` as the machine user; answers the id of what the API created. */
async function createAt(access: UserApiAccess, path: string, body: unknown): Promise<string> {
  const response = await fetch(new URL(path, access.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${access.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer: unknown = await response.json().catch(() => undefined);
  const id = typeof answer === 'object' && answer !== null && 'id' in answer ? answer.id : undefined;
  if (!response.ok || typeof id !== 'string')
    throw new Error(`${path} answered ${response.status}, not a created id: ${JSON.stringify(answer)}`);
  return id;
}

/** Creates a human user (Zitadel's v2 CreateUser); answers their id. */
export function createHumanUser(access: UserApiAccess, user: NewHumanUser): Promise<string> {
  const { username, profile, email, password } = user;
  const human = { profile, email, ...(password === undefined ? {} : { password: { password } }) };
  return createAt(access, CREATE_USER_PATH, { username, human });
}

/** Grants the user roles in the project (the authorization service v2); answers the authorization's id. */
export function grantProjectRoles(
  access: UserApiAccess,
  grant: { readonly userId: string; readonly projectId: string; readonly roleKeys: readonly string[] },
): Promise<string> {
  return createAt(access, CREATE_AUTHORIZATION_PATH, grant);
}
