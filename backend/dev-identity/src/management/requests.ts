import { Type } from 'typebox';

/**
 * The management API (v1) requests the stand-in answers, the parts it understands (a field it does not
 * know is refused, naming it). Sources: zitadel/zitadel proto/zitadel/management.proto (AddProject,
 * ListProjects, AddProjectRole, ListProjectRoles, AddOIDCApp, AddAPIApp, ListApps, AddMachineUser,
 * ListUsers, GenerateMachineSecret, AddOrgMember), https://zitadel.com/docs/apis/mgmt
 */
const Name = Type.String({ minLength: 1, maxLength: 200 });
const Uris = Type.Array(Type.String({ minLength: 1, maxLength: 2000 }), { maxItems: 50 });

/** Zitadel's text query methods; the stand-in matches exactly, as the default method (0) does. */
const EqualsMethod = Type.Optional(
  Type.Union([Type.Literal('TEXT_QUERY_METHOD_EQUALS'), Type.Literal(0)], {
    description: 'the stand-in compares exactly (TEXT_QUERY_METHOD_EQUALS)',
  }),
);
const ListQuery = Type.Optional(
  Type.Object(
    {
      offset: Type.Optional(Type.Union([Type.String(), Type.Integer()])),
      limit: Type.Optional(Type.Integer({ minimum: 0 })),
      asc: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
);

function searchRequest<Q extends ReturnType<typeof Type.Object>>(query: Q) {
  return Type.Object(
    { query: ListQuery, queries: Type.Optional(Type.Array(query, { maxItems: 10 })) },
    { additionalProperties: false },
  );
}

export const ListProjectsRequest = searchRequest(
  Type.Object(
    {
      nameQuery: Type.Object({ name: Name, method: EqualsMethod }, { additionalProperties: false }),
    },
    { additionalProperties: false },
  ),
);

export const AddProjectRequest = Type.Object(
  {
    name: Name,
    projectRoleAssertion: Type.Optional(Type.Boolean()),
    projectRoleCheck: Type.Optional(Type.Boolean()),
    hasProjectCheck: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const ListProjectRolesRequest = searchRequest(
  Type.Object(
    { keyQuery: Type.Object({ key: Name, method: EqualsMethod }, { additionalProperties: false }) },
    { additionalProperties: false },
  ),
);

export const AddProjectRoleRequest = Type.Object(
  { roleKey: Name, displayName: Type.Optional(Name), group: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

export const ListAppsRequest = searchRequest(
  Type.Object(
    { nameQuery: Type.Object({ name: Name, method: EqualsMethod }, { additionalProperties: false }) },
    { additionalProperties: false },
  ),
);

/**
 * An OIDC application as oidc-provider can serve it: a confidential web client (client_secret_basic)
 * with the code flow, PKCE and, optionally, refresh tokens.
 */
export const AddOidcAppRequest = Type.Object(
  {
    name: Name,
    redirectUris: Uris,
    postLogoutRedirectUris: Type.Optional(Uris),
    responseTypes: Type.Array(Type.Literal('OIDC_RESPONSE_TYPE_CODE'), { minItems: 1, maxItems: 1 }),
    grantTypes: Type.Array(
      Type.Union([
        Type.Literal('OIDC_GRANT_TYPE_AUTHORIZATION_CODE'),
        Type.Literal('OIDC_GRANT_TYPE_REFRESH_TOKEN'),
      ]),
      { minItems: 1, maxItems: 2 },
    ),
    appType: Type.Literal('OIDC_APP_TYPE_WEB'),
    authMethodType: Type.Literal('OIDC_AUTH_METHOD_TYPE_BASIC'),
    version: Type.Optional(Type.Literal('OIDC_VERSION_1_0')),
    devMode: Type.Optional(Type.Boolean()),
    accessTokenType: Type.Optional(
      Type.Union([Type.Literal('OIDC_TOKEN_TYPE_BEARER'), Type.Literal('OIDC_TOKEN_TYPE_JWT')]),
    ),
    accessTokenRoleAssertion: Type.Optional(Type.Boolean()),
    idTokenRoleAssertion: Type.Optional(Type.Boolean()),
    idTokenUserinfoAssertion: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const AddApiAppRequest = Type.Object(
  { name: Name, authMethodType: Type.Literal('API_AUTH_METHOD_TYPE_BASIC') },
  { additionalProperties: false },
);

export const AddMachineUserRequest = Type.Object(
  {
    userName: Name,
    name: Name,
    description: Type.Optional(Type.String({ maxLength: 500 })),
    accessTokenType: Type.Optional(
      Type.Union([Type.Literal('ACCESS_TOKEN_TYPE_BEARER'), Type.Literal('ACCESS_TOKEN_TYPE_JWT')]),
    ),
  },
  { additionalProperties: false },
);

/** The v1 user search, for machine users by username (the v2 search answers for people). */
export const ListMachineUsersRequest = searchRequest(
  Type.Object(
    {
      userNameQuery: Type.Optional(
        Type.Object({ userName: Name, method: EqualsMethod }, { additionalProperties: false }),
      ),
      typeQuery: Type.Optional(
        Type.Object({ type: Type.Literal('TYPE_MACHINE') }, { additionalProperties: false }),
      ),
    },
    { additionalProperties: false, minProperties: 1, maxProperties: 1 },
  ),
);

export const AddOrgMemberRequest = Type.Object(
  { userId: Name, roles: Type.Array(Name, { minItems: 1, maxItems: 20 }) },
  { additionalProperties: false },
);

/** ListUserGrants: the authorizations of a user in a project (the management API's older name for them). */
export const ListUserGrantsRequest = searchRequest(
  Type.Object(
    {
      userIdQuery: Type.Optional(Type.Object({ userId: Name }, { additionalProperties: false })),
      projectIdQuery: Type.Optional(Type.Object({ projectId: Name }, { additionalProperties: false })),
    },
    { additionalProperties: false, minProperties: 1, maxProperties: 1 },
  ),
);
