import { Type } from 'typebox';

/**
 * Zitadel's answers, as far as admin-service reads them. Objects accept members not named here
 * (Zitadel adds fields between versions), and a field proto3 JSON leaves out when it holds its
 * default value (an empty string, false, the enum's zero) is optional.
 */

const Id = Type.String({ minLength: 1 });

/** proto3 JSON writes a 64-bit integer as a string, and may write one as a number. */
const Count = Type.Union([Type.String({ pattern: '^[0-9]{1,20}$' }), Type.Integer({ minimum: 0 })]);

/**
 * A user as the user service v2 shows one (GetUserByID's `user`, ListUsers' `result`).
 * Sources: https://zitadel.com/docs/apis/resources/user_service_v2/user-service-get-user-by-id,
 * zitadel/zitadel proto/zitadel/user/v2/user.proto (User, HumanUser, HumanProfile, HumanEmail)
 */
export const ZitadelUser = Type.Object({
  userId: Id,
  details: Type.Object({ resourceOwner: Id }),
  state: Type.Optional(Type.String()),
  username: Type.Optional(Type.String()),
  preferredLoginName: Type.Optional(Type.String()),
  human: Type.Optional(
    Type.Object({
      profile: Type.Optional(
        Type.Object({
          givenName: Type.Optional(Type.String()),
          familyName: Type.Optional(Type.String()),
          displayName: Type.Optional(Type.String()),
        }),
      ),
      email: Type.Optional(
        Type.Object({ email: Type.Optional(Type.String()), isVerified: Type.Optional(Type.Boolean()) }),
      ),
    }),
  ),
});

/** GetUserByID (user service v2): `GET /v2/users/{userId}`. */
export const GetUserResponse = Type.Object({ user: ZitadelUser });

/**
 * ListUsers (user service v2): `POST /v2/users`, answering `{ details: { totalResult }, result }`.
 * Sources: https://zitadel.com/docs/reference/api/user/zitadel.user.v2.UserService.ListUsers,
 * zitadel/zitadel proto/zitadel/user/v2/user_service.proto (ListUsersResponse)
 */
export const ListUsersResponse = Type.Object({ result: Type.Optional(Type.Array(ZitadelUser)) });

/**
 * DeactivateUser and ReactivateUser (user service v2): `POST /v2/users/{userId}/deactivate` and
 * `/reactivate`, each answering the changed object's details, which nothing here reads.
 * Sources: https://zitadel.com/docs/apis/resources/user_service_v2/user-service-deactivate-user,
 * https://zitadel.com/docs/apis/resources/user_service_v2/user-service-reactivate-user
 */
export const ChangedUserResponse = Type.Object({});

/**
 * ListAuthorizations (authorization service v2, Connect):
 * `POST /zitadel.authorization.v2.AuthorizationService/ListAuthorizations`, answering
 * `{ pagination: { totalResult, appliedLimit }, authorizations }`.
 * Sources: https://zitadel.com/docs/reference/api/authorization/zitadel.authorization.v2.AuthorizationService.ListAuthorizations,
 * zitadel/zitadel proto/zitadel/authorization/v2/authorization.proto (Authorization, User, Role),
 * proto/zitadel/filter/v2/filter.proto (PaginationResponse)
 */
export const ListAuthorizationsResponse = Type.Object({
  pagination: Type.Optional(Type.Object({ totalResult: Type.Optional(Count) })),
  authorizations: Type.Optional(
    Type.Array(
      Type.Object({
        id: Id,
        user: Type.Object({ id: Id }),
        roles: Type.Optional(Type.Array(Type.Object({ key: Id }))),
      }),
    ),
  ),
});

/**
 * CreateAuthorization: `POST /zitadel.authorization.v2.AuthorizationService/CreateAuthorization`.
 * Source: https://zitadel.com/docs/reference/api/authorization/zitadel.authorization.v2.AuthorizationService.CreateAuthorization
 */
export const CreateAuthorizationResponse = Type.Object({ id: Id });

/**
 * UpdateAuthorization and DeleteAuthorization answer dates only.
 * Sources: https://zitadel.com/docs/reference/api/authorization/zitadel.authorization.v2.AuthorizationService.UpdateAuthorization,
 * https://zitadel.com/docs/reference/api/authorization/zitadel.authorization.v2.AuthorizationService.DeleteAuthorization
 */
export const ChangedAuthorizationResponse = Type.Object({});
