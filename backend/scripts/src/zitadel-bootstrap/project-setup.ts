import { DEV_PROJECT_NAME, PROJECT_ROLES, ROLE_DISPLAY_NAMES } from '@know-foolery/dev-identity/seed';
import {
  Acknowledged,
  AddedApplication,
  AddedMachineUser,
  AddedProject,
  ApplicationList,
  MachineSecret,
  MachineUserList,
  NewClientSecret,
  ProjectList,
  RoleList,
} from './answers.js';
import { BootstrapError, BootstrapErrorCode } from './errors.js';
import type { ZitadelClient } from './zitadel-client.js';

/** What the bootstrap names the objects it looks for, so a second run finds them. */
export const OBJECT_NAMES = {
  project: DEV_PROJECT_NAME,
  webApplication: 'know-foolery-web',
  apiApplication: 'know-foolery-api',
  machineUser: 'know-foolery-service-account',
} as const;

/** The organisation roles the machine user gets: admin-service manages players' accounts with it. */
const MACHINE_USER_ORG_ROLES = ['ORG_USER_MANAGER'];

export type Outcome = 'created' | 'found';

export interface Found {
  readonly id: string;
  readonly outcome: Outcome;
}

/** A client and its secret: `secret` is undefined when Zitadel did not show it (found, not created). */
export interface Client extends Found {
  readonly clientId: string;
  readonly secret: string | undefined;
}

const EQUALS = 'TEXT_QUERY_METHOD_EQUALS';

export async function ensureProject(api: ZitadelClient): Promise<Found> {
  const name = OBJECT_NAMES.project;
  const listed = await api.call(
    'search the projects',
    'POST',
    '/management/v1/projects/_search',
    {
      queries: [{ nameQuery: { name, method: EQUALS } }],
    },
    ProjectList,
  );
  const existing = listed.result?.find((project) => project.name === name);
  if (existing !== undefined) return { id: existing.id, outcome: 'found' };
  const added = await api.call(
    `create the project "${name}"`,
    'POST',
    '/management/v1/projects',
    {
      name,
      // The roles go into the tokens: the services read them there.
      projectRoleAssertion: true,
    },
    AddedProject,
  );
  return { id: added.id, outcome: 'created' };
}

/** Each role the platform checks, created where missing. */
export async function ensureRoles(api: ZitadelClient, projectId: string): Promise<Record<string, Outcome>> {
  const listed = await api.call(
    'search the project roles',
    'POST',
    `/management/v1/projects/${projectId}/roles/_search`,
    {},
    RoleList,
  );
  const existing = new Set(listed.result?.map((role) => role.key));
  const outcomes: Record<string, Outcome> = {};
  for (const role of PROJECT_ROLES) {
    if (existing.has(role)) {
      outcomes[role] = 'found';
      continue;
    }
    await api.call(
      `create the role "${role}"`,
      'POST',
      `/management/v1/projects/${projectId}/roles`,
      {
        roleKey: role,
        displayName: ROLE_DISPLAY_NAMES[role],
      },
      Acknowledged,
    );
    outcomes[role] = 'created';
  }
  return outcomes;
}

async function findApplication(api: ZitadelClient, projectId: string, name: string) {
  const listed = await api.call(
    'search the applications',
    'POST',
    `/management/v1/projects/${projectId}/apps/_search`,
    {
      queries: [{ nameQuery: { name, method: EQUALS } }],
    },
    ApplicationList,
  );
  return listed.result?.find((application) => application.name === name);
}

export interface WebApplicationSettings {
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
}

/**
 * The web application people sign in through: a confidential client (client_secret_basic) with the
 * code flow (the gateway adds PKCE), refresh tokens, JWT access tokens carrying the roles.
 */
export async function ensureWebApplication(
  api: ZitadelClient,
  projectId: string,
  settings: WebApplicationSettings,
): Promise<Client> {
  const name = OBJECT_NAMES.webApplication;
  const existing = await findApplication(api, projectId, name);
  if (existing !== undefined) {
    if (existing.oidcConfig === undefined) {
      return unexpectedKind(name, 'an OIDC application');
    }
    return { id: existing.id, outcome: 'found', clientId: existing.oidcConfig.clientId, secret: undefined };
  }
  const added = await api.call(
    `create the OIDC application "${name}"`,
    'POST',
    `/management/v1/projects/${projectId}/apps/oidc`,
    {
      name,
      redirectUris: [settings.redirectUri],
      postLogoutRedirectUris: [settings.postLogoutRedirectUri],
      responseTypes: ['OIDC_RESPONSE_TYPE_CODE'],
      grantTypes: ['OIDC_GRANT_TYPE_AUTHORIZATION_CODE', 'OIDC_GRANT_TYPE_REFRESH_TOKEN'],
      appType: 'OIDC_APP_TYPE_WEB',
      authMethodType: 'OIDC_AUTH_METHOD_TYPE_BASIC',
      version: 'OIDC_VERSION_1_0',
      // Zitadel refuses plain-http redirect URIs outside development mode.
      devMode: new URL(settings.redirectUri).protocol === 'http:',
      accessTokenType: 'OIDC_TOKEN_TYPE_JWT',
      accessTokenRoleAssertion: true,
      idTokenRoleAssertion: true,
      idTokenUserinfoAssertion: true,
    },
    AddedApplication,
  );
  return { id: added.appId, outcome: 'created', clientId: added.clientId, secret: added.clientSecret };
}

/** The API application the services introspect opaque tokens with. */
export async function ensureApiApplication(api: ZitadelClient, projectId: string): Promise<Client> {
  const name = OBJECT_NAMES.apiApplication;
  const existing = await findApplication(api, projectId, name);
  if (existing !== undefined) {
    if (existing.apiConfig === undefined) return unexpectedKind(name, 'an API application');
    return { id: existing.id, outcome: 'found', clientId: existing.apiConfig.clientId, secret: undefined };
  }
  const added = await api.call(
    `create the API application "${name}"`,
    'POST',
    `/management/v1/projects/${projectId}/apps/api`,
    {
      name,
      authMethodType: 'API_AUTH_METHOD_TYPE_BASIC',
    },
    AddedApplication,
  );
  return { id: added.appId, outcome: 'created', clientId: added.clientId, secret: added.clientSecret };
}

/** A new secret for an application found without one at hand: the old one stops working. */
export async function newApplicationSecret(
  api: ZitadelClient,
  projectId: string,
  client: Client,
  kind: 'oidc' | 'api',
): Promise<string> {
  const answer = await api.call(
    `generate a new secret for the application ${client.id}`,
    'POST',
    `/management/v1/projects/${projectId}/apps/${client.id}/${kind}_config/_generate_client_secret`,
    {},
    NewClientSecret,
  );
  return answer.clientSecret;
}

/** The services' machine user: JWT access tokens by client credentials, member of the organisation. */
export async function ensureMachineUser(api: ZitadelClient): Promise<Client> {
  const userName = OBJECT_NAMES.machineUser;
  const listed = await api.call(
    'search the machine users',
    'POST',
    '/management/v1/users/_search',
    {
      queries: [{ userNameQuery: { userName, method: EQUALS } }],
    },
    MachineUserList,
  );
  const existing = listed.result?.find((user) => user.userName === userName);
  const user: Client =
    existing === undefined
      ? await addMachineUser(api, userName)
      : { id: existing.id, outcome: 'found', clientId: userName, secret: undefined };
  // Asked every run, so a run cut short after creating the user still makes it a member.
  await api.callUnlessExists(
    'make the machine user a member of the organisation',
    'POST',
    '/management/v1/orgs/me/members',
    {
      userId: user.id,
      roles: MACHINE_USER_ORG_ROLES,
    },
    Acknowledged,
  );
  return user;
}

async function addMachineUser(api: ZitadelClient, userName: string): Promise<Client> {
  const added = await api.call(
    `create the machine user "${userName}"`,
    'POST',
    '/management/v1/users/machine',
    {
      userName,
      name: 'Know Foolery services',
      description: 'The platform services calling each other (client credentials)',
      accessTokenType: 'ACCESS_TOKEN_TYPE_JWT',
    },
    AddedMachineUser,
  );
  return { id: added.userId, outcome: 'created', clientId: userName, secret: undefined };
}

/** A machine user has one secret: a new one replaces it. Its client id is its username. */
export async function newMachineSecret(api: ZitadelClient, user: Client): Promise<string> {
  const answer = await api.call(
    `generate a secret for the machine user ${user.id}`,
    'PUT',
    `/management/v1/users/${user.id}/secret`,
    {},
    MachineSecret,
  );
  return answer.clientSecret;
}

function unexpectedKind(name: string, expected: string): never {
  throw new BootstrapError(
    BootstrapErrorCode.unexpectedAnswer,
    `the application "${name}" exists in Zitadel but is not ${expected}: rename or remove it`,
  );
}
