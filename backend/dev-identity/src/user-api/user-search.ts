import { type Static, type TSchema, Type } from 'typebox';
import { loginNameOf, type UserDirectory } from '../users/user-directory.js';
import type { HumanUserRecord } from '../users/user-records.js';
import { GrpcStatus, ZitadelError } from '../zitadel/errors.js';
import { DEV_ORGANIZATION } from '../zitadel/project.js';
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
import { userResponse } from './responses.js';

/**
 * ListUsers (user service v2): `POST /v2/users` with `{ query: { offset, limit, asc },
 * sortingColumn, queries: [SearchQuery] }`, the queries all holding (AND), answered with
 * `{ details: { totalResult, timestamp }, sortingColumn, result: [User] }`.
 * Sources: https://zitadel.com/docs/reference/api/user/zitadel.user.v2.UserService.ListUsers,
 * zitadel/zitadel proto/zitadel/user/v2/user_service.proto (ListUsersRequest, ListUsersResponse),
 * proto/zitadel/user/v2/query.proto (SearchQuery and its queries, UserFieldName, Type),
 * proto/zitadel/user/v2/user.proto (UserState), proto/zitadel/object/v2/object.proto (ListQuery).
 */

const USER_FIELD_NAMES = [
  'USER_FIELD_NAME_UNSPECIFIED',
  'USER_FIELD_NAME_USER_NAME',
  'USER_FIELD_NAME_FIRST_NAME',
  'USER_FIELD_NAME_LAST_NAME',
  'USER_FIELD_NAME_NICK_NAME',
  'USER_FIELD_NAME_DISPLAY_NAME',
  'USER_FIELD_NAME_EMAIL',
  'USER_FIELD_NAME_STATE',
  'USER_FIELD_NAME_TYPE',
  'USER_FIELD_NAME_CREATION_DATE',
] as const;
type UserFieldName = (typeof USER_FIELD_NAMES)[number];

const USER_STATES = [
  'USER_STATE_UNSPECIFIED',
  'USER_STATE_ACTIVE',
  'USER_STATE_INACTIVE',
  'USER_STATE_DELETED',
  'USER_STATE_LOCKED',
  'USER_STATE_INITIAL',
] as const;
const USER_TYPES = ['TYPE_UNSPECIFIED', 'TYPE_HUMAN', 'TYPE_MACHINE'] as const;

/** The stand-in keeps human users only, all in its one organisation. */
const SORT_KEYS: Readonly<Record<UserFieldName, (user: HumanUserRecord) => SortKey>> = {
  // Zitadel adds no ORDER BY for an unspecified column; the stand-in's order is the order of creation.
  USER_FIELD_NAME_UNSPECIFIED: (user) => user.createdAt.getTime(),
  USER_FIELD_NAME_USER_NAME: (user) => user.username,
  USER_FIELD_NAME_FIRST_NAME: (user) => user.profile.givenName,
  USER_FIELD_NAME_LAST_NAME: (user) => user.profile.familyName,
  USER_FIELD_NAME_NICK_NAME: (user) => user.profile.nickName ?? '',
  USER_FIELD_NAME_DISPLAY_NAME: (user) => user.profile.displayName,
  USER_FIELD_NAME_EMAIL: (user) => user.email.email,
  USER_FIELD_NAME_STATE: (user) => user.state,
  USER_FIELD_NAME_TYPE: () => 'TYPE_HUMAN',
  USER_FIELD_NAME_CREATION_DATE: (user) => user.createdAt.getTime(),
};

/** Compound queries nest; a bound keeps a hostile request from recursing without end. */
const MAX_QUERY_DEPTH = 10;

export const ListUsersRequest = Type.Object(
  {
    query: Type.Optional(PagingRequest),
    sortingColumn: Type.Optional(enumSchema(USER_FIELD_NAMES)),
    queries: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 100 })),
  },
  { additionalProperties: false },
);

type UserPredicate = (user: HumanUserRecord) => boolean;
type QueryReader = (value: unknown, at: string, depth: number) => UserPredicate;

const Text = Type.String({ minLength: 1, maxLength: 200 });
const method = Type.Optional(textMethodSchema('TEXT_QUERY_METHOD_'));
const closed = { additionalProperties: false } as const;

function leaf<S extends TSchema>(
  schema: S,
  predicate: (query: Static<S>, at: string) => UserPredicate,
): QueryReader {
  return (value, at) => predicate(parsed(schema, value, at), at);
}

function textQuery<S extends TSchema>(
  schema: S,
  wanted: (query: Static<S>) => { text: string; method: unknown },
  actual: (user: HumanUserRecord) => string,
): QueryReader {
  return leaf(schema, (query, at) => {
    const { text, method: chosen } = wanted(query);
    const matches = textMatcher('TEXT_QUERY_METHOD_', chosen, text, at);
    return (user) => matches(actual(user));
  });
}

function compound(value: unknown, at: string, depth: number): UserPredicate[] {
  const { queries } = parsed(Type.Object({ queries: Type.Array(Type.Unknown()) }, closed), value, at);
  return queries.map((query, index) => searchQuery(query, `${at}/queries/${index}`, depth + 1));
}

const QUERY_READERS: ReadonlyMap<string, QueryReader> = new Map<string, QueryReader>([
  [
    'inUserIdsQuery',
    leaf(Type.Object({ userIds: Type.Optional(Type.Array(Type.String())) }, closed), (query) => {
      const wanted = new Set(query.userIds ?? []);
      return (user) => wanted.has(user.id);
    }),
  ],
  [
    'inUserEmailsQuery',
    leaf(Type.Object({ userEmails: Type.Optional(Type.Array(Type.String())) }, closed), (query) => {
      const wanted = new Set(query.userEmails ?? []);
      return (user) => wanted.has(user.email.email);
    }),
  ],
  [
    'stateQuery',
    leaf(Type.Object({ state: enumSchema(USER_STATES) }, closed), (query, at) => {
      const state = enumName(USER_STATES, query.state, `${at}/state`);
      return (user) => user.state === state;
    }),
  ],
  [
    'typeQuery',
    leaf(Type.Object({ type: enumSchema(USER_TYPES) }, closed), (query, at) => {
      const type = enumName(USER_TYPES, query.type, `${at}/type`);
      return () => type === 'TYPE_HUMAN';
    }),
  ],
  [
    'organizationIdQuery',
    leaf(Type.Object({ organizationId: Text }, closed), (query) => {
      return () => query.organizationId === DEV_ORGANIZATION.id;
    }),
  ],
  [
    'userNameQuery',
    textQuery(
      Type.Object({ userName: Text, method }, closed),
      (query) => ({ text: query.userName, method: query.method }),
      (user) => user.username,
    ),
  ],
  [
    'firstNameQuery',
    textQuery(
      Type.Object({ firstName: Text, method }, closed),
      (query) => ({ text: query.firstName, method: query.method }),
      (user) => user.profile.givenName,
    ),
  ],
  [
    'lastNameQuery',
    textQuery(
      Type.Object({ lastName: Text, method }, closed),
      (query) => ({ text: query.lastName, method: query.method }),
      (user) => user.profile.familyName,
    ),
  ],
  [
    'nickNameQuery',
    textQuery(
      Type.Object({ nickName: Text, method }, closed),
      (query) => ({ text: query.nickName, method: query.method }),
      (user) => user.profile.nickName ?? '',
    ),
  ],
  [
    'displayNameQuery',
    textQuery(
      Type.Object({ displayName: Text, method }, closed),
      (query) => ({ text: query.displayName, method: query.method }),
      (user) => user.profile.displayName,
    ),
  ],
  [
    'emailQuery',
    textQuery(
      Type.Object({ emailAddress: Type.String({ maxLength: 200 }), method }, closed),
      (query) => ({ text: query.emailAddress, method: query.method }),
      (user) => user.email.email,
    ),
  ],
  [
    'loginNameQuery',
    textQuery(
      Type.Object({ loginName: Text, method }, closed),
      (query) => ({ text: query.loginName, method: query.method }),
      (user) => loginNameOf(user),
    ),
  ],
  [
    'andQuery',
    (value, at, depth) => {
      const all = compound(value, at, depth);
      return (user) => all.every((predicate) => predicate(user));
    },
  ],
  [
    'orQuery',
    (value, at, depth) => {
      const any = compound(value, at, depth);
      return (user) => any.some((predicate) => predicate(user));
    },
  ],
  [
    'notQuery',
    (value, at, depth) => {
      const { query } = parsed(Type.Object({ query: Type.Unknown() }, closed), value, at);
      const negated = searchQuery(query, `${at}/query`, depth + 1);
      return (user) => !negated(user);
    },
  ],
]);

function searchQuery(query: unknown, at: string, depth: number): UserPredicate {
  if (depth > MAX_QUERY_DEPTH) {
    throw new ZitadelError(
      GrpcStatus.invalidArgument,
      'DEVID-query-too-deep',
      `invalid request: ${at} nests queries deeper than ${MAX_QUERY_DEPTH}`,
    );
  }
  return oneOf(QUERY_READERS, query, at, depth);
}

/** POST /v2/users: the users every query matches, sorted and paged. */
export function listUsers(directory: UserDirectory, body: unknown): Record<string, unknown> {
  const request = parsed(ListUsersRequest, body);
  const paging = pagingOf(request.query);
  const sortingColumn =
    request.sortingColumn === undefined
      ? 'USER_FIELD_NAME_UNSPECIFIED'
      : enumName(USER_FIELD_NAMES, request.sortingColumn, '/sortingColumn');
  const predicates = (request.queries ?? []).map((query, index) =>
    searchQuery(query, `/queries/${index}`, 1),
  );
  const found = directory.users().filter((user) => predicates.every((predicate) => predicate(user)));
  return {
    // The stand-in has no projections, hence no processed sequence to report.
    details: { totalResult: String(found.length), timestamp: new Date().toISOString() },
    sortingColumn,
    result: pageOf(found, SORT_KEYS[sortingColumn], paging).map(userResponse),
  };
}
