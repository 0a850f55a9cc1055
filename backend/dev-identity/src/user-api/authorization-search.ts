import { type Static, type TSchema, Type } from 'typebox';
import { loginNameOf, type UserDirectory } from '../users/user-directory.js';
import type { HumanUserRecord, ProjectAuthorization } from '../users/user-records.js';
import { DEV_ORGANIZATION, DEV_PROJECT_NAME, ROLE_DISPLAY_NAMES } from '../zitadel/project.js';
import {
  enumName,
  enumSchema,
  oneOf,
  PagingRequest,
  pageOf,
  pagingOf,
  type SortKey,
  textMatcher,
  textMethodSchema,
} from './list-queries.js';
import { parsed } from './requests.js';

/**
 * ListAuthorizations (authorization service v2, Connect):
 * `POST /zitadel.authorization.v2.AuthorizationService/ListAuthorizations` with `{ pagination:
 * { offset, limit, asc }, sortingColumn, filters: [AuthorizationsSearchFilter] }`, the filters all
 * holding (AND), answered with `{ pagination: { totalResult, appliedLimit }, authorizations: [...] }`.
 * Sources: https://zitadel.com/docs/reference/api/authorization/zitadel.authorization.v2.AuthorizationService.ListAuthorizations,
 * zitadel/zitadel proto/zitadel/authorization/v2/authorization_service.proto (ListAuthorizationsRequest,
 * ListAuthorizationsResponse), proto/zitadel/authorization/v2/authorization.proto (Authorization,
 * AuthorizationsSearchFilter, AuthorizationFieldName, State), proto/zitadel/filter/v2/filter.proto.
 */

const FIELD_NAMES = [
  'AUTHORIZATION_FIELD_NAME_UNSPECIFIED',
  'AUTHORIZATION_FIELD_NAME_CREATED_DATE',
  'AUTHORIZATION_FIELD_NAME_CHANGED_DATE',
  'AUTHORIZATION_FIELD_NAME_ID',
  'AUTHORIZATION_FIELD_NAME_USER_ID',
  'AUTHORIZATION_FIELD_NAME_PROJECT_ID',
  'AUTHORIZATION_FIELD_NAME_ORGANIZATION_ID',
  'AUTHORIZATION_FIELD_NAME_USER_ORGANIZATION_ID',
] as const;
type FieldName = (typeof FIELD_NAMES)[number];

const STATES = ['STATE_UNSPECIFIED', 'STATE_ACTIVE', 'STATE_INACTIVE'] as const;

/** An authorization with the user it is given to: several filters look at the user. */
interface Granted {
  readonly authorization: ProjectAuthorization;
  readonly user: HumanUserRecord;
}

const SORT_KEYS: Readonly<Record<FieldName, (granted: Granted) => SortKey>> = {
  // "The default is the creation date."
  AUTHORIZATION_FIELD_NAME_UNSPECIFIED: ({ authorization }) => authorization.createdAt.getTime(),
  AUTHORIZATION_FIELD_NAME_CREATED_DATE: ({ authorization }) => authorization.createdAt.getTime(),
  AUTHORIZATION_FIELD_NAME_CHANGED_DATE: ({ authorization }) => authorization.changedAt.getTime(),
  AUTHORIZATION_FIELD_NAME_ID: ({ authorization }) => authorization.id,
  AUTHORIZATION_FIELD_NAME_USER_ID: ({ authorization }) => authorization.userId,
  AUTHORIZATION_FIELD_NAME_PROJECT_ID: ({ authorization }) => authorization.projectId,
  // The stand-in's authorizations, users and project all belong to its one organisation.
  AUTHORIZATION_FIELD_NAME_ORGANIZATION_ID: () => DEV_ORGANIZATION.id,
  AUTHORIZATION_FIELD_NAME_USER_ORGANIZATION_ID: () => DEV_ORGANIZATION.id,
};

export const ListAuthorizationsRequest = Type.Object(
  {
    pagination: Type.Optional(PagingRequest),
    sortingColumn: Type.Optional(enumSchema(FIELD_NAMES)),
    filters: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 100 })),
  },
  { additionalProperties: false },
);

type Filter = (granted: Granted) => boolean;
type FilterReader = (value: unknown, at: string) => Filter;

const closed = { additionalProperties: false } as const;
const IdFilter = Type.Object({ id: Type.String({ maxLength: 200 }) }, closed);
const method = Type.Optional(textMethodSchema('TEXT_FILTER_METHOD_'));

function filter<S extends TSchema>(schema: S, read: (value: Static<S>, at: string) => Filter): FilterReader {
  return (value, at) => read(parsed(schema, value, at), at);
}

function idFilter(idOf: (granted: Granted) => string | undefined): FilterReader {
  return filter(
    IdFilter,
    ({ id }) =>
      (granted) =>
        idOf(granted) === id,
  );
}

function textFilter<S extends TSchema>(
  schema: S,
  wanted: (value: Static<S>) => { text: string; method: unknown },
  actual: (granted: Granted) => string[],
): FilterReader {
  return filter(schema, (value, at) => {
    const { text, method: chosen } = wanted(value);
    const matches = textMatcher('TEXT_FILTER_METHOD_', chosen, text, at);
    return (granted) => actual(granted).some(matches);
  });
}

const FILTER_READERS: ReadonlyMap<string, FilterReader> = new Map<string, FilterReader>([
  [
    'authorizationIds',
    filter(Type.Object({ ids: Type.Optional(Type.Array(Type.String())) }, closed), ({ ids }) => {
      const wanted = new Set(ids ?? []);
      return ({ authorization }) => wanted.has(authorization.id);
    }),
  ],
  ['organizationId', idFilter(() => DEV_ORGANIZATION.id)],
  [
    'state',
    filter(Type.Object({ state: enumSchema(STATES) }, closed), (value, at) => {
      // The stand-in's authorizations are all active: it has no call that deactivates one.
      const state = enumName(STATES, value.state, `${at}/state`);
      return () => state === 'STATE_ACTIVE';
    }),
  ],
  ['userId', idFilter(({ authorization }) => authorization.userId)],
  ['userOrganizationId', idFilter(() => DEV_ORGANIZATION.id)],
  [
    'userPreferredLoginName',
    textFilter(
      Type.Object({ loginName: Type.String({ minLength: 1, maxLength: 200 }), method }, closed),
      (value) => ({ text: value.loginName, method: value.method }),
      ({ user }) => [loginNameOf(user)],
    ),
  ],
  [
    'userDisplayName',
    textFilter(
      Type.Object({ displayName: Type.String({ minLength: 1, maxLength: 200 }), method }, closed),
      (value) => ({ text: value.displayName, method: value.method }),
      ({ user }) => [user.profile.displayName],
    ),
  ],
  ['projectId', idFilter(({ authorization }) => authorization.projectId)],
  [
    'projectName',
    textFilter(
      Type.Object({ name: Type.String({ maxLength: 200 }), method }, closed),
      (value) => ({ text: value.name, method: value.method }),
      () => [DEV_PROJECT_NAME],
    ),
  ],
  [
    'roleKey',
    textFilter(
      Type.Object({ key: Type.String({ maxLength: 200 }), method }, closed),
      (value) => ({ text: value.key, method: value.method }),
      ({ authorization }) => authorization.roleKeys,
    ),
  ],
  // The stand-in grants its project to no other organisation: no authorization has a project grant.
  ['projectGrantId', idFilter(() => undefined)],
]);

/** One authorization as ListAuthorizations shows it. */
function authorizationResponse({ authorization, user }: Granted): Record<string, unknown> {
  return {
    id: authorization.id,
    creationDate: authorization.createdAt.toISOString(),
    changeDate: authorization.changedAt.toISOString(),
    project: { id: authorization.projectId, name: DEV_PROJECT_NAME, organizationId: DEV_ORGANIZATION.id },
    organization: { id: DEV_ORGANIZATION.id, name: DEV_ORGANIZATION.name },
    user: {
      id: user.id,
      preferredLoginName: loginNameOf(user),
      displayName: user.profile.displayName,
      avatarUrl: '',
      organizationId: DEV_ORGANIZATION.id,
    },
    state: 'STATE_ACTIVE',
    roles: authorization.roleKeys.map((key) => ({ key, displayName: ROLE_DISPLAY_NAMES[key], group: '' })),
  };
}

/** The authorizations every filter matches, sorted and paged. */
export function listAuthorizations(directory: UserDirectory, body: unknown): Record<string, unknown> {
  const request = parsed(ListAuthorizationsRequest, body);
  const paging = pagingOf(request.pagination);
  const sortingColumn =
    request.sortingColumn === undefined
      ? 'AUTHORIZATION_FIELD_NAME_UNSPECIFIED'
      : enumName(FIELD_NAMES, request.sortingColumn, '/sortingColumn');
  const filters = (request.filters ?? []).map((value, index) =>
    oneOf(FILTER_READERS, value, `/filters/${index}`),
  );
  const matching = directory
    .authorizations()
    .map((authorization) => ({ authorization, user: directory.get(authorization.userId) }))
    .filter((granted) => filters.every((matches) => matches(granted)));
  return {
    pagination: { totalResult: String(matching.length), appliedLimit: String(paging.limit) },
    authorizations: pageOf(matching, SORT_KEYS[sortingColumn], paging).map(authorizationResponse),
  };
}
