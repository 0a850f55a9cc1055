import type { ServiceTokenSource } from '@know-foolery/shared/auth';
import { AppError } from '@know-foolery/shared/errors';
import {
  asService,
  type CallContext,
  type CallOptions,
  type ServiceClient,
} from '@know-foolery/shared/http-client';
import type { Static } from 'typebox';
import { AdminErrorCode } from '../../contract/error-codes.js';
import type {
  AccountState,
  AuthorizationPage,
  AuthorizationSearch,
  DirectoryUser,
  ProjectAuthorization,
  UserAuthorization,
  UserDirectory,
} from '../user-directory.js';
import { type MissingMeans, zitadelCallFailure, zitadelRefusal } from './zitadel-refusals.js';
import {
  ChangedAuthorizationResponse,
  ChangedUserResponse,
  CreateAuthorizationResponse,
  GetUserResponse,
  ListAuthorizationsResponse,
  ListUsersResponse,
  type ZitadelUser,
} from './zitadel-schemas.js';

export interface ZitadelUserDirectoryOptions {
  /** A client of Zitadel's API (ZITADEL_API_URL): its timeout, retries and circuit breaker. */
  readonly client: ServiceClient;
  /** The platform's machine user: client-credentials tokens from the issuer. */
  readonly tokens: ServiceTokenSource;
  /** The platform's project (ZITADEL_PROJECT_ID), whose roles the authorizations hold. */
  readonly projectId: string;
}

/**
 * Zitadel's authorization service v2 (Connect, JSON over POST) manages project roles. It is chosen
 * over the management API v1's user grants, which Zitadel deprecates in its favour, because it
 * names the organisation in the body where v1 needs an `x-zitadel-orgid` header, and because its
 * DeleteAuthorization succeeds when the authorization is already gone.
 */
const AUTHORIZATIONS = '/zitadel.authorization.v2.AuthorizationService';

/** Zitadel's UserState names (user.proto); one it adds later reads as `unspecified`. */
const STATES: ReadonlyMap<string, AccountState> = new Map([
  ['USER_STATE_ACTIVE', 'active'],
  ['USER_STATE_INACTIVE', 'inactive'],
  ['USER_STATE_LOCKED', 'locked'],
  ['USER_STATE_INITIAL', 'initial'],
  ['USER_STATE_DELETED', 'deleted'],
]);

function userPath(userId: string): string {
  return `/v2/users/${encodeURIComponent(userId)}`;
}

/** The player's account; none for a machine user: a service account is nobody's to manage here. */
function humanAccount(user: Static<typeof ZitadelUser>): DirectoryUser | undefined {
  if (user.human === undefined) return undefined;
  const profile = user.human.profile ?? {};
  const username = user.username ?? '';
  const fullName = [profile.givenName, profile.familyName].filter((part) => part !== undefined).join(' ');
  const email = user.human.email?.email ?? '';
  return {
    id: user.userId,
    username,
    displayName: profile.displayName || fullName || username,
    email: email === '' ? null : email,
    emailVerified: user.human.email?.isVerified ?? false,
    state: STATES.get(user.state ?? '') ?? 'unspecified',
    organizationId: user.details.resourceOwner,
  };
}

type ListedAuthorizations = Static<typeof ListAuthorizationsResponse>;

function userAuthorizations(answer: ListedAuthorizations): UserAuthorization[] {
  return (answer.authorizations ?? []).map((authorization) => ({
    id: authorization.id,
    userId: authorization.user.id,
    roleKeys: (authorization.roles ?? []).map((role) => role.key),
  }));
}

/**
 * The platform's user directory on Zitadel's API, as its machine user. Reads and calls that set a
 * state (an authorization's roles, its deletion) are retried after a failure of Zitadel's; calls
 * that change a state relative to the current one (deactivate, reactivate, create) are not: a
 * repeat could meet its own first effect and be refused.
 */
export class ZitadelUserDirectory implements UserDirectory {
  readonly #client: ServiceClient;
  readonly #tokens: ServiceTokenSource;
  readonly #projectId: string;

  constructor(options: ZitadelUserDirectoryOptions) {
    this.#client = options.client;
    this.#tokens = options.tokens;
    this.#projectId = options.projectId;
  }

  async getUser(userId: string, context: CallContext): Promise<DirectoryUser> {
    const response = await this.#call('player', context, (asMachine) =>
      this.#client.get(userPath(userId), GetUserResponse, asMachine),
    );
    const account = humanAccount(response.body.user);
    if (account === undefined)
      throw new AppError(404, AdminErrorCode.playerNotFound, 'no player has this id');
    return account;
  }

  async findUsers(userIds: readonly string[], context: CallContext): Promise<DirectoryUser[]> {
    const body = {
      query: { offset: 0, limit: userIds.length, asc: true },
      sortingColumn: 'USER_FIELD_NAME_CREATION_DATE',
      queries: [{ inUserIdsQuery: { userIds } }],
    };
    const response = await this.#call('misconfigured', context, (asMachine) =>
      this.#client.post('/v2/users', ListUsersResponse, { ...asMachine, body, idempotent: true }),
    );
    return (response.body.result ?? []).flatMap((user) => humanAccount(user) ?? []);
  }

  async deactivateUser(userId: string, context: CallContext): Promise<void> {
    await this.#call('player', context, (asMachine) =>
      this.#client.post(`${userPath(userId)}/deactivate`, ChangedUserResponse, {
        ...asMachine,
        body: {},
      }),
    );
  }

  async reactivateUser(userId: string, context: CallContext): Promise<void> {
    await this.#call('player', context, (asMachine) =>
      this.#client.post(`${userPath(userId)}/reactivate`, ChangedUserResponse, {
        ...asMachine,
        body: {},
      }),
    );
  }

  async projectAuthorizations(userId: string, context: CallContext): Promise<ProjectAuthorization[]> {
    const answer = await this.#listAuthorizations({ filters: [{ userId: { id: userId } }] }, context);
    return userAuthorizations(answer).map(({ id, roleKeys }) => ({ id, roleKeys }));
  }

  async listProjectAuthorizations(
    search: AuthorizationSearch,
    context: CallContext,
  ): Promise<AuthorizationPage> {
    const loginName =
      search.loginNameContains === undefined
        ? []
        : [
            {
              userPreferredLoginName: {
                loginName: search.loginNameContains,
                method: 'TEXT_FILTER_METHOD_CONTAINS_IGNORE_CASE',
              },
            },
          ];
    const answer = await this.#listAuthorizations(
      {
        pagination: { offset: search.offset, limit: search.limit, asc: true },
        sortingColumn: 'AUTHORIZATION_FIELD_NAME_CREATED_DATE',
        filters: loginName,
      },
      context,
    );
    return {
      authorizations: userAuthorizations(answer),
      total: Number(answer.pagination?.totalResult ?? 0),
    };
  }

  async createAuthorization(
    user: Pick<DirectoryUser, 'id' | 'organizationId'>,
    roleKeys: readonly string[],
    context: CallContext,
  ): Promise<ProjectAuthorization> {
    const body = {
      userId: user.id,
      projectId: this.#projectId,
      organizationId: user.organizationId,
      roleKeys,
    };
    const response = await this.#call('misconfigured', context, (asMachine) =>
      this.#client.post(`${AUTHORIZATIONS}/CreateAuthorization`, CreateAuthorizationResponse, {
        ...asMachine,
        body,
      }),
    );
    return { id: response.body.id, roleKeys: [...roleKeys] };
  }

  async updateAuthorization(
    authorizationId: string,
    roleKeys: readonly string[],
    context: CallContext,
  ): Promise<void> {
    await this.#call('changed-meanwhile', context, (asMachine) =>
      this.#client.post(`${AUTHORIZATIONS}/UpdateAuthorization`, ChangedAuthorizationResponse, {
        ...asMachine,
        body: { id: authorizationId, roleKeys },
        idempotent: true,
      }),
    );
  }

  async deleteAuthorization(authorizationId: string, context: CallContext): Promise<void> {
    await this.#call('changed-meanwhile', context, (asMachine) =>
      this.#client.post(`${AUTHORIZATIONS}/DeleteAuthorization`, ChangedAuthorizationResponse, {
        ...asMachine,
        body: { id: authorizationId },
        idempotent: true,
      }),
    );
  }

  /**
   * ListAuthorizations in the platform's project, with the request's other filters. The project
   * filter also finds the authorizations given on grants of the project to other organisations.
   */
  async #listAuthorizations(
    request: { pagination?: object; sortingColumn?: string; filters: readonly object[] },
    context: CallContext,
  ): Promise<ListedAuthorizations> {
    const body = { ...request, filters: [{ projectId: { id: this.#projectId } }, ...request.filters] };
    const response = await this.#call('misconfigured', context, (asMachine) =>
      this.#client.post(`${AUTHORIZATIONS}/ListAuthorizations`, ListAuthorizationsResponse, {
        ...asMachine,
        body,
        idempotent: true,
      }),
    );
    return response.body;
  }

  /**
   * Runs one call with the request's id and trace but the machine user's token (never the admin's),
   * its refusals turned into the platform's answers by their gRPC code.
   */
  async #call<T>(
    missing: MissingMeans,
    context: CallContext,
    run: (asMachine: Pick<CallOptions, 'context' | 'refusal'>) => Promise<T>,
  ): Promise<T> {
    try {
      const machineContext = asService(context, await this.#tokens.token());
      return await run({ context: machineContext, refusal: zitadelRefusal(missing) });
    } catch (error) {
      throw zitadelCallFailure(error);
    }
  }
}
