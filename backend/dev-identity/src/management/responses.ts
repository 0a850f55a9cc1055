import { objectDetails } from '../user-api/responses.js';
import type { ChangeHistory, ProjectAuthorization } from '../users/user-records.js';
import {
  DEV_PROJECT_ID,
  DEV_PROJECT_NAME,
  type ProjectRole,
  ROLE_DISPLAY_NAMES,
} from '../zitadel/project.js';
import type { Application, MachineUser } from './registry.js';

/** A list answer in the management API's shape: `details.totalResult` (an int64, so a string) and `result`. */
export function listAnswer(result: readonly unknown[]): Record<string, unknown> {
  return { details: { totalResult: String(result.length) }, result };
}

const PROJECT_HISTORY: ChangeHistory = { createdAt: new Date(0), changedAt: new Date(0), sequence: 1 };

export function projectResponse(): Record<string, unknown> {
  return {
    id: DEV_PROJECT_ID,
    details: objectDetails(PROJECT_HISTORY),
    name: DEV_PROJECT_NAME,
    state: 'PROJECT_STATE_ACTIVE',
    projectRoleAssertion: true,
    projectRoleCheck: false,
    hasProjectCheck: false,
  };
}

export function roleResponse(role: ProjectRole): Record<string, unknown> {
  return {
    key: role,
    details: objectDetails(PROJECT_HISTORY),
    displayName: ROLE_DISPLAY_NAMES[role],
    group: '',
  };
}

export function applicationResponse(application: Application): Record<string, unknown> {
  const common = {
    id: application.id,
    details: objectDetails(application),
    state: 'APP_STATE_ACTIVE',
    name: application.name,
  };
  if (application.kind === 'api') {
    return {
      ...common,
      apiConfig: { clientId: application.clientId, authMethodType: 'API_AUTH_METHOD_TYPE_BASIC' },
    };
  }
  return {
    ...common,
    oidcConfig: {
      clientId: application.clientId,
      redirectUris: application.redirectUris,
      postLogoutRedirectUris: application.postLogoutRedirectUris,
      responseTypes: ['OIDC_RESPONSE_TYPE_CODE'],
      grantTypes: ['OIDC_GRANT_TYPE_AUTHORIZATION_CODE', 'OIDC_GRANT_TYPE_REFRESH_TOKEN'],
      appType: 'OIDC_APP_TYPE_WEB',
      authMethodType: 'OIDC_AUTH_METHOD_TYPE_BASIC',
      accessTokenType:
        application.accessTokenFormat === 'jwt' ? 'OIDC_TOKEN_TYPE_JWT' : 'OIDC_TOKEN_TYPE_BEARER',
    },
  };
}

export function machineUserResponse(user: MachineUser): Record<string, unknown> {
  return {
    id: user.id,
    details: objectDetails(user),
    state: 'USER_STATE_ACTIVE',
    userName: user.userName,
    loginNames: [user.userName],
    preferredLoginName: user.userName,
    machine: {
      name: user.name,
      description: user.description,
      hasSecret: user.clientSecret !== undefined,
      accessTokenType: 'ACCESS_TOKEN_TYPE_JWT',
    },
  };
}

/** A user grant (ListUserGrants' result): an authorization, as the management API shows one. */
export function userGrantResponse(grant: ProjectAuthorization): Record<string, unknown> {
  return {
    id: grant.id,
    details: objectDetails(grant),
    userId: grant.userId,
    projectId: grant.projectId,
    roleKeys: grant.roleKeys,
    state: 'USER_GRANT_STATE_ACTIVE',
  };
}
