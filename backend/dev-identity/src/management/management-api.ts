import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken, sendJson } from '../http/messages.js';
import { parsed } from '../user-api/requests.js';
import { objectDetails } from '../user-api/responses.js';
import { readJson } from '../user-api/user-api.js';
import type { UserDirectory } from '../users/user-directory.js';
import { GrpcStatus, ZitadelError } from '../zitadel/errors.js';
import {
  DEV_ORGANIZATION,
  DEV_PROJECT_ID,
  DEV_PROJECT_NAME,
  isProjectRole,
  PROJECT_ROLES,
} from '../zitadel/project.js';
import type { ManagementRegistry } from './registry.js';
import {
  AddApiAppRequest,
  AddMachineUserRequest,
  AddOidcAppRequest,
  AddOrgMemberRequest,
  AddProjectRequest,
  AddProjectRoleRequest,
  ListAppsRequest,
  ListMachineUsersRequest,
  ListProjectRolesRequest,
  ListProjectsRequest,
  ListUserGrantsRequest,
} from './requests.js';
import {
  applicationResponse,
  listAnswer,
  machineUserResponse,
  projectResponse,
  roleResponse,
  userGrantResponse,
} from './responses.js';

const MANAGEMENT = '/management/v1';
const ID = '([0-9A-Za-z_@.-]{1,200})';

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly run: (parameters: string[], body: unknown) => unknown;
}

/**
 * The part of Zitadel's management API (v1, REST) that sets a project up: its roles, applications,
 * machine users and their secrets, organisation members. Callers authenticate with the development
 * administrator's personal access token, as a bootstrap authenticates at Zitadel with the token its
 * first-instance setup wrote.
 *
 * The stand-in holds one project (the platform's, seeded with its roles): it is found by name and
 * its roles are found by key; creating another project or role is refused, since tokens are bound
 * to that project and the platform knows those roles only.
 */
export class ManagementApi {
  readonly #routes: Route[];
  readonly #personalAccessToken: string;

  constructor(registry: ManagementRegistry, directory: UserDirectory, personalAccessToken: string) {
    this.#personalAccessToken = personalAccessToken;
    const route = (method: string, pattern: string, run: Route['run']): Route => ({
      method,
      pattern: new RegExp(`^${MANAGEMENT}${pattern}$`),
      run,
    });
    const project = `/projects/${ID}`;
    this.#routes = [
      route('GET', '/orgs/me', () => ({
        org: {
          id: DEV_ORGANIZATION.id,
          state: 'ORG_STATE_ACTIVE',
          name: DEV_ORGANIZATION.name,
          primaryDomain: DEV_ORGANIZATION.primaryDomain,
        },
      })),
      route('POST', '/projects/_search', (_, body) => {
        const names = (parsed(ListProjectsRequest, body).queries ?? []).map((query) => query.nameQuery.name);
        return listAnswer(names.every((name) => name === DEV_PROJECT_NAME) ? [projectResponse()] : []);
      }),
      route('POST', '/projects', (_, body) => {
        const { name } = parsed(AddProjectRequest, body);
        if (name === DEV_PROJECT_NAME) {
          throw new ZitadelError(GrpcStatus.alreadyExists, 'DEVID-project-exists', 'Project already exists');
        }
        throw new ZitadelError(
          GrpcStatus.failedPrecondition,
          'DEVID-one-project',
          `the development identity provider holds one project, "${DEV_PROJECT_NAME}"`,
        );
      }),
      route('POST', `${project}/roles/_search`, ([projectId = ''], body) => {
        checkProject(projectId);
        const keys = (parsed(ListProjectRolesRequest, body).queries ?? []).map((query) => query.keyQuery.key);
        return listAnswer(
          PROJECT_ROLES.filter((role) => keys.every((key) => key === role)).map(roleResponse),
        );
      }),
      route('POST', `${project}/roles`, ([projectId = ''], body) => {
        checkProject(projectId);
        const { roleKey } = parsed(AddProjectRoleRequest, body);
        if (isProjectRole(roleKey)) {
          throw new ZitadelError(GrpcStatus.alreadyExists, 'DEVID-role-exists', 'Role already exists');
        }
        throw new ZitadelError(
          GrpcStatus.failedPrecondition,
          'DEVID-fixed-roles',
          `the development project's roles are ${PROJECT_ROLES.join(', ')}`,
        );
      }),
      route('POST', `${project}/apps/_search`, ([projectId = ''], body) => {
        checkProject(projectId);
        const names = (parsed(ListAppsRequest, body).queries ?? []).map((query) => query.nameQuery.name);
        const found = registry
          .applications()
          .filter((application) => names.every((name) => name === application.name));
        return listAnswer(found.map(applicationResponse));
      }),
      route('POST', `${project}/apps/oidc`, async ([projectId = ''], body) => {
        checkProject(projectId);
        const request = parsed(AddOidcAppRequest, body);
        const application = await registry.addOidcApplication({
          name: request.name,
          redirectUris: request.redirectUris,
          postLogoutRedirectUris: request.postLogoutRedirectUris ?? [],
          accessTokenFormat: request.accessTokenType === 'OIDC_TOKEN_TYPE_JWT' ? 'jwt' : 'opaque',
        });
        return {
          appId: application.id,
          details: objectDetails(application),
          clientId: application.clientId,
          clientSecret: application.clientSecret,
          noneCompliant: false,
          complianceProblems: [],
        };
      }),
      route('POST', `${project}/apps/api`, async ([projectId = ''], body) => {
        checkProject(projectId);
        const application = await registry.addApiApplication(parsed(AddApiAppRequest, body).name);
        return {
          appId: application.id,
          details: objectDetails(application),
          clientId: application.clientId,
          clientSecret: application.clientSecret,
        };
      }),
      route(
        'POST',
        `${project}/apps/${ID}/oidc_config/_generate_client_secret`,
        ([projectId = '', appId = '']) => this.#newSecret(projectId, appId, 'oidc', registry),
      ),
      route(
        'POST',
        `${project}/apps/${ID}/api_config/_generate_client_secret`,
        ([projectId = '', appId = '']) => this.#newSecret(projectId, appId, 'api', registry),
      ),
      route('POST', '/users/machine', (_, body) => {
        const request = parsed(AddMachineUserRequest, body);
        const user = registry.addMachineUser({
          userName: request.userName,
          name: request.name,
          description: request.description ?? '',
        });
        return { userId: user.id, details: objectDetails(user) };
      }),
      route('POST', '/users/_search', (_, body) => {
        const queries = parsed(ListMachineUsersRequest, body).queries ?? [];
        const found = registry
          .machineUsers()
          .filter((user) =>
            queries.every(
              (query) =>
                query.userNameQuery === undefined ||
                query.userNameQuery.userName.toLowerCase() === user.userName.toLowerCase(),
            ),
          );
        return listAnswer(found.map(machineUserResponse));
      }),
      route('PUT', `/users/${ID}/secret`, async ([userId = '']) => {
        const user = await registry.generateMachineSecret(userId);
        return { clientId: user.userName, clientSecret: user.clientSecret, details: objectDetails(user) };
      }),
      route('POST', '/users/grants/_search', (_, body) => {
        const queries = parsed(ListUserGrantsRequest, body).queries ?? [];
        const found = directory
          .authorizations()
          .filter((grant) =>
            queries.every(
              (query) =>
                (query.userIdQuery === undefined || query.userIdQuery.userId === grant.userId) &&
                (query.projectIdQuery === undefined || query.projectIdQuery.projectId === grant.projectId),
            ),
          );
        return listAnswer(found.map(userGrantResponse));
      }),
      route('POST', '/orgs/me/members', (_, body) => {
        const request = parsed(AddOrgMemberRequest, body);
        return { details: objectDetails(registry.addMember(request.userId, request.roles)) };
      }),
    ];
  }

  /** Whether the management API answers this request (other /management/v1 paths are the user API's). */
  handles(method: string, path: string): boolean {
    return this.#routes.some((route) => route.method === method && route.pattern.test(path));
  }

  async handle(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    try {
      const method = request.method ?? 'GET';
      const route = this.#routes.find(
        (candidate) => candidate.method === method && candidate.pattern.test(path),
      );
      if (route === undefined)
        throw new ZitadelError(GrpcStatus.notFound, 'DEVID-no-such-method', 'Not Found');
      this.#authenticate(request);
      const body = method === 'GET' ? {} : await readJson(request);
      sendJson(response, 200, await route.run(route.pattern.exec(path)?.slice(1) ?? [], body));
    } catch (error) {
      if (!(error instanceof ZitadelError)) throw error;
      sendJson(response, error.httpStatus, error.body());
    }
  }

  #authenticate(request: IncomingMessage): void {
    const token = bearerToken(request);
    if (token === undefined) {
      throw new ZitadelError(GrpcStatus.unauthenticated, 'DEVID-auth-header-missing', 'auth header missing');
    }
    if (token !== this.#personalAccessToken) {
      throw new ZitadelError(GrpcStatus.unauthenticated, 'DEVID-token-invalid', 'Token is invalid');
    }
  }

  async #newSecret(
    projectId: string,
    appId: string,
    kind: 'oidc' | 'api',
    registry: ManagementRegistry,
  ): Promise<Record<string, unknown>> {
    checkProject(projectId);
    const application = await registry.regenerateApplicationSecret(appId, kind);
    return { clientSecret: application.clientSecret, details: objectDetails(application) };
  }
}

function checkProject(projectId: string): void {
  if (projectId !== DEV_PROJECT_ID) {
    throw new ZitadelError(GrpcStatus.notFound, 'DEVID-project-not-found', 'Project could not be found');
  }
}
