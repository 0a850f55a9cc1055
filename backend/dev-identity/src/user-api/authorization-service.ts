import type { UserDirectory } from '../users/user-directory.js';
import type { ProjectAuthorization } from '../users/user-records.js';
import { GrpcStatus, ZitadelError } from '../zitadel/errors.js';
import { DEV_ORGANIZATION } from '../zitadel/project.js';
import { listAuthorizations } from './authorization-search.js';
import {
  AddUserGrantRequest,
  CreateAuthorizationRequest,
  DeleteAuthorizationRequest,
  parsed,
  UpdateAuthorizationRequest,
  UpdateUserGrantRequest,
} from './requests.js';
import { objectDetails } from './responses.js';

/**
 * Listing, granting and revoking project roles, in both shapes Zitadel offers: the authorization service v2
 * (Connect: POST /zitadel.authorization.v2.AuthorizationService/<Method>) and the older management
 * API's user grants (REST under /management/v1). Both change the same authorizations.
 * Sources: https://zitadel.com/docs/reference/api/authorization/zitadel.authorization.v2.AuthorizationService.CreateAuthorization
 * (and .ListAuthorizations, .UpdateAuthorization, .DeleteAuthorization), https://zitadel.com/docs/apis/mgmt/management-service-add-user-grant,
 * https://zitadel.com/docs/reference/api/management/zitadel.management.v1.ManagementService.UpdateUserGrant
 * (and .RemoveUserGrant)
 */
export class AuthorizationService {
  readonly #directory: UserDirectory;

  constructor(directory: UserDirectory) {
    this.#directory = directory;
  }

  /** A search, sorted and paged (see authorization-search.ts). */
  listAuthorizations(body: unknown): Record<string, unknown> {
    return listAuthorizations(this.#directory, body);
  }

  createAuthorization(body: unknown): Record<string, string> {
    const request = parsed(CreateAuthorizationRequest, body);
    if (request.organizationId !== undefined && request.organizationId !== DEV_ORGANIZATION.id) {
      throw new ZitadelError(GrpcStatus.notFound, 'DEVID-org-not-found', 'Organisation could not be found');
    }
    const authorization = this.#directory.authorize({
      userId: request.userId,
      projectId: request.projectId,
      roleKeys: request.roleKeys ?? [],
    });
    return { id: authorization.id, creationDate: authorization.createdAt.toISOString() };
  }

  /** Replaces the roles: any role left out is revoked. */
  updateAuthorization(body: unknown): Record<string, string> {
    const request = parsed(UpdateAuthorizationRequest, body);
    const authorization = this.#directory.setAuthorizationRoles(request.id, request.roleKeys ?? []);
    return { changeDate: authorization.changedAt.toISOString() };
  }

  /** An authorization that does not exist is not an error: the wanted state holds (no deletionDate then). */
  deleteAuthorization(body: unknown): Record<string, string> {
    const request = parsed(DeleteAuthorizationRequest, body);
    const removed = this.#directory.removeAuthorization(request.id);
    return removed === undefined ? {} : { deletionDate: new Date().toISOString() };
  }

  /** POST /management/v1/users/{userId}/grants */
  addUserGrant(userId: string, body: unknown): Record<string, unknown> {
    const request = parsed(AddUserGrantRequest, body);
    const authorization = this.#directory.authorize({
      userId,
      projectId: request.projectId,
      roleKeys: request.roleKeys ?? [],
    });
    return { userGrantId: authorization.id, details: objectDetails(authorization) };
  }

  /** PUT /management/v1/users/{userId}/grants/{grantId} */
  updateUserGrant(userId: string, grantId: string, body: unknown): Record<string, unknown> {
    const request = parsed(UpdateUserGrantRequest, body);
    this.#grantOf(userId, grantId);
    return { details: objectDetails(this.#directory.setAuthorizationRoles(grantId, request.roleKeys ?? [])) };
  }

  /** DELETE /management/v1/users/{userId}/grants/{grantId} */
  removeUserGrant(userId: string, grantId: string): Record<string, unknown> {
    const grant = this.#grantOf(userId, grantId);
    this.#directory.removeAuthorization(grantId);
    return { details: { ...objectDetails(grant), changeDate: new Date().toISOString() } };
  }

  #grantOf(userId: string, grantId: string): ProjectAuthorization {
    const grant = this.#directory.findAuthorization(grantId);
    if (grant === undefined || grant.userId !== userId) {
      throw new ZitadelError(
        GrpcStatus.notFound,
        'DEVID-authorization-not-found',
        'User grant could not be found',
      );
    }
    return grant;
  }
}
