import { type Static, type TSchema, Type } from 'typebox';
import { GrpcStatus, ZitadelError } from '../zitadel/errors.js';
import { parsed } from './requests.js';

/**
 * What Zitadel's list calls share: paging (offset, limit, ascending or not), enums that proto3 JSON
 * accepts by name or by number, text filters, and one-of filters (an object with exactly one member).
 * Sources: zitadel/zitadel proto/zitadel/object/v2/object.proto (ListQuery, TextQueryMethod) and
 * proto/zitadel/filter/v2/filter.proto (PaginationRequest, TextFilterMethod).
 */

/** Zitadel's defaults (filter.proto, PaginationRequest): 100 results unless asked, never more than 1000. */
const DEFAULT_LIST_LIMIT = 100;
const MAX_LIST_LIMIT = 1000;

/** proto3 JSON writes 64-bit integers as strings and reads them as strings or numbers. */
const UnsignedInteger = Type.Union([Type.Integer({ minimum: 0 }), Type.String({ pattern: '^[0-9]{1,20}$' })]);

/** ListQuery (user service v2) and PaginationRequest (authorization service v2): the same three fields. */
export const PagingRequest = Type.Object(
  {
    offset: Type.Optional(UnsignedInteger),
    limit: Type.Optional(UnsignedInteger),
    asc: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export interface Paging {
  readonly offset: number;
  readonly limit: number;
  readonly ascending: boolean;
}

/** A limit of 0 (proto3's unset) takes the default; one above the maximum is refused, as Zitadel does. */
export function pagingOf(request: Static<typeof PagingRequest> | undefined): Paging {
  const limit = Number(request?.limit ?? 0) || DEFAULT_LIST_LIMIT;
  if (limit > MAX_LIST_LIMIT) {
    throw new ZitadelError(
      GrpcStatus.invalidArgument,
      'DEVID-limit-too-high',
      `limit ${limit} exceeds the maximum of ${MAX_LIST_LIMIT}`,
    );
  }
  return { offset: Number(request?.offset ?? 0), limit, ascending: request?.asc ?? false };
}

export type SortKey = string | number;

/**
 * The page of `items` sorted by `key`: descending unless asked otherwise (Zitadel's default), ties
 * kept in the order given (the order of creation).
 */
export function pageOf<T>(items: readonly T[], key: (item: T) => SortKey, paging: Paging): T[] {
  const direction = paging.ascending ? 1 : -1;
  const sorted = items
    .map((item, position) => ({ item, position, key: key(item) }))
    .sort((a, b) => {
      if (a.key === b.key) return a.position - b.position;
      return (a.key < b.key ? -1 : 1) * direction;
    });
  return sorted.slice(paging.offset, paging.offset + paging.limit).map((entry) => entry.item);
}

/** An enum field: proto3 JSON takes a value's name or its number. */
export function enumSchema(names: readonly string[]): TSchema {
  return Type.Union([
    ...names.map((name) => Type.Literal(name)),
    Type.Integer({ minimum: 0, maximum: names.length - 1 }),
  ]);
}

/** The name of an enum value the schema of `enumSchema(names)` accepted. */
export function enumName<N extends string>(names: readonly N[], value: unknown, at: string): N {
  const name = typeof value === 'number' ? names[value] : names.find((known) => known === value);
  if (name === undefined) {
    throw new ZitadelError(
      GrpcStatus.invalidArgument,
      'DEVID-invalid-request',
      `invalid request: ${at} unknown value`,
    );
  }
  return name;
}

/** The eight ways of comparing text, in the order of both enums (their prefixes differ). */
const TEXT_METHODS = [
  'EQUALS',
  'EQUALS_IGNORE_CASE',
  'STARTS_WITH',
  'STARTS_WITH_IGNORE_CASE',
  'CONTAINS',
  'CONTAINS_IGNORE_CASE',
  'ENDS_WITH',
  'ENDS_WITH_IGNORE_CASE',
] as const;

export type TextMethodPrefix = 'TEXT_QUERY_METHOD_' | 'TEXT_FILTER_METHOD_';

export function textMethodSchema(prefix: TextMethodPrefix): TSchema {
  return enumSchema(TEXT_METHODS.map((method) => `${prefix}${method}`));
}

/** Tells whether a text matches `wanted` by the method named (EQUALS when none is). */
export function textMatcher(
  prefix: TextMethodPrefix,
  method: unknown,
  wanted: string,
  at: string,
): (actual: string) => boolean {
  const name =
    method === undefined
      ? 'EQUALS'
      : enumName(
          TEXT_METHODS.map((known) => `${prefix}${known}`),
          method,
          `${at}/method`,
        ).slice(prefix.length);
  const ignoreCase = name.endsWith('_IGNORE_CASE');
  const comparison = ignoreCase ? name.slice(0, -'_IGNORE_CASE'.length) : name;
  const right = ignoreCase ? wanted.toLowerCase() : wanted;
  return (actual) => {
    const left = ignoreCase ? actual.toLowerCase() : actual;
    switch (comparison) {
      case 'STARTS_WITH':
        return left.startsWith(right);
      case 'CONTAINS':
        return left.includes(right);
      case 'ENDS_WITH':
        return left.endsWith(right);
      default:
        return left === right;
    }
  };
}

/** A one-of filter: an object holding exactly one member, whose name says which filter it is. */
const OneOf = Type.Record(Type.String(), Type.Unknown(), { minProperties: 1, maxProperties: 1 });

/**
 * Reads one filter of a one-of list through the reader its member's name selects (`extra` goes to
 * the reader as it is). A name the stand-in does not know, Zitadel's newer filters among them, is
 * refused, naming it.
 */
export function oneOf<T, A extends unknown[]>(
  readers: ReadonlyMap<string, (value: unknown, at: string, ...extra: A) => T>,
  filter: unknown,
  at: string,
  ...extra: A
): T {
  const [entry] = Object.entries(parsed(OneOf, filter, at));
  const reader = entry === undefined ? undefined : readers.get(entry[0]);
  if (entry === undefined || reader === undefined) {
    throw new ZitadelError(
      GrpcStatus.invalidArgument,
      'DEVID-unknown-filter',
      `invalid request: ${at} is no filter the development provider knows (${[...readers.keys()].join(', ')})`,
    );
  }
  return reader(entry[1], `${at}/${entry[0]}`, ...extra);
}
