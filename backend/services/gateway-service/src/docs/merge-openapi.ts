import { SESSION_COOKIE_NAMES } from '@know-foolery/session-service/contract';
import {
  ERROR_STATUSES,
  type ErrorCodesByStatus,
  type ErrorStatus,
  errorResponses,
  mergeErrorCodes,
  PROBLEM_MEDIA_TYPE,
  Problem,
  type ProblemResponse,
} from '@know-foolery/shared/http-server';
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { edgeResponses } from './edge-responses.js';

/** The header as a browser's code names it; Node reads it in lower case. */
const CSRF_HEADER_NAME = 'X-CSRF-Token';

const JsonObject = Type.Record(Type.String(), Type.Unknown());
type JsonObject = Static<typeof JsonObject>;

/** An OpenAPI document as a service serves it: only what the merge reads is checked. */
export const ServiceDocument = Type.Object({
  paths: Type.Record(Type.String(), JsonObject),
  components: Type.Optional(Type.Object({ schemas: Type.Optional(JsonObject) })),
});
export type ServiceDocument = Static<typeof ServiceDocument>;

/** An error response as `errorResponses` declares it: a problem whose code is one of a list. */
const DeclaredProblem = Type.Object({
  content: Type.Object({
    [PROBLEM_MEDIA_TYPE]: Type.Object({
      schema: Type.Object({
        properties: Type.Object({ code: Type.Object({ enum: Type.Array(Type.String()) }) }),
      }),
    }),
  }),
});

/** An operation that names its tags. */
const Tagged = Type.Object({ tags: Type.Array(Type.String()) });

/** A parameter the server fills in when it is left out. */
const DefaultedParameter = Type.Object({ schema: Type.Object({ default: Type.Unknown() }) });

export interface ServiceDocuments {
  readonly name: string;
  readonly document: ServiceDocument | null;
}

const PUBLIC_PREFIX = '/api/v1/';
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);
/** Either credential: a bearer token, or the session cookie a browser signed in with. */
const CREDENTIALS = [{ bearerAuth: [] }, { sessionCookie: [] }];

/** What each tag groups, for a reader of the document; a tag missing here fails the lint. */
const TAGS: readonly { readonly name: string; readonly description: string }[] = [
  {
    name: 'games',
    description: 'Playing: a game, its questions one at a time, hints, answers and its score',
  },
  { name: 'leaderboard', description: 'Best scores: of all time and of the week' },
  { name: 'questions', description: 'Themes for everyone; the question bank for admins' },
  { name: 'sessions', description: "A player's sessions, one per device" },
  { name: 'users', description: "The caller's profile" },
  {
    name: 'players',
    description: "Admins: the players' accounts at the identity provider, their activation and admin role",
  },
  { name: 'development', description: 'Only where development tokens are allowed; never in production' },
  {
    name: 'auth',
    description: 'Signing in through the identity provider, who the credentials stand for, signing out',
  },
];

export interface MergeOptions {
  /** The admin routes need a sign-in with a second factor (AUTH_PROVIDER=oidc): document its 403. */
  readonly stepUp?: boolean;
}

/** The tags some operation of the document uses: the sign-in routes and dev tokens each exist in one mode. */
function tagsOf(paths: Record<string, JsonObject>): typeof TAGS {
  const used = new Set<unknown>();
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      if (Value.Check(Tagged, operation)) for (const tag of operation.tags) used.add(tag);
    }
  }
  return TAGS.filter((tag) => used.has(tag.name));
}

function declaredCodes(responses: JsonObject): ErrorCodesByStatus {
  const codes: Partial<Record<ErrorStatus, readonly string[]>> = {};
  for (const status of ERROR_STATUSES) {
    const response = responses[status];
    if (Value.Check(DeclaredProblem, response))
      codes[status] = response.content[PROBLEM_MEDIA_TYPE].schema.properties.code.enum;
  }
  return codes;
}

/**
 * An error response whose problem refers to the one Problem schema of the document, narrowing its
 * code to the response's: the same few members are not spelled out again in every response.
 */
function referringToProblem(response: ProblemResponse, codes: readonly string[]): JsonObject {
  const narrowed = {
    type: 'object',
    required: ['code'],
    properties: { code: { type: 'string', enum: codes } },
  };
  // A route declares a header's schema; the document describes the header and holds its schema.
  const headers = Object.entries(response.headers ?? {}).map(([name, { description, ...schema }]) => [
    name,
    { description, schema },
  ]);
  return {
    description: response.description,
    ...(headers.length === 0 ? {} : { headers: Object.fromEntries(headers) }),
    content: {
      [PROBLEM_MEDIA_TYPE]: { schema: { allOf: [{ $ref: '#/components/schemas/Problem' }, narrowed] } },
    },
  };
}

/**
 * A route's schema lists a query parameter with a default among those it requires, since its
 * handler always has one; to a caller, who may leave it out, it is optional.
 */
function parametersOf(operation: JsonObject): JsonObject {
  const { parameters } = operation;
  if (!Array.isArray(parameters)) return {};
  return {
    parameters: parameters.map((parameter: unknown) =>
      Value.Check(DefaultedParameter, parameter) ? { ...parameter, required: false } : parameter,
    ),
  };
}

/**
 * The operation as a caller of the gateway meets it: its security requirement said explicitly,
 * parameters with a default optional, and the gateway's own answers (rate limits, unreachable services) among its responses.
 */
function publicOperation(
  method: string,
  path: string,
  operation: JsonObject,
  proxied: boolean,
  options: MergeOptions,
): JsonObject {
  // A route open to anyone says so with an empty requirement; every other one needs credentials.
  const open = Array.isArray(operation.security) && operation.security.length === 0;
  const edge = edgeResponses(method.toUpperCase(), path, proxied, !open, options.stepUp);
  const responses = Value.Check(JsonObject, operation.responses) ? operation.responses : {};
  const codes = mergeErrorCodes(declaredCodes(responses), edge.codes);
  const problems = errorResponses(codes);
  const errors: JsonObject = {};
  for (const status of ERROR_STATUSES) {
    const problem = problems[status];
    if (problem === undefined) continue;
    const description = status === 429 ? edge.rateLimitDescription : problem.description;
    errors[status] = referringToProblem({ ...problem, description }, codes[status] ?? []);
  }
  return {
    ...operation,
    ...parametersOf(operation),
    security: open ? [] : CREDENTIALS,
    responses: { ...responses, ...errors },
  };
}

function publicPaths(
  document: ServiceDocument,
  proxied: boolean,
  options: MergeOptions,
): Record<string, JsonObject> {
  const paths: Record<string, JsonObject> = {};
  for (const [path, item] of Object.entries(document.paths)) {
    if (!path.startsWith(PUBLIC_PREFIX)) continue;
    const operations: JsonObject = {};
    for (const [method, operation] of Object.entries(item)) {
      if (METHODS.has(method) && Value.Check(JsonObject, operation))
        operations[method] = publicOperation(method, path, operation, proxied, options);
    }
    paths[path] = operations;
  }
  return paths;
}

/**
 * One document for the public API: the `/api/v1` operations of the gateway and of every service
 * that answered, as the gateway serves them. Services that did not answer are named in the
 * description, so a partial document says it is one.
 */
export function mergeOpenApi(
  gateway: ServiceDocument,
  services: readonly ServiceDocuments[],
  version: string,
  options: MergeOptions = {},
): JsonObject {
  const missing = services.filter((service) => service.document === null).map((service) => service.name);
  const paths = publicPaths(gateway, false, options);
  const schemas: JsonObject = { Problem, ...gateway.components?.schemas };
  for (const { document } of services) {
    if (document === null) continue;
    Object.assign(paths, publicPaths(document, true, options));
    Object.assign(schemas, document.components?.schemas);
  }
  const description = [
    'The public Know Foolery API, through the gateway. Every call but the themes list and the development token needs a bearer token or a session cookie. Conventions (envelopes, null, timestamps, ids, errors, rate limits): docs/API.md.',
    missing.length === 0 ? '' : `Not shown because they did not answer just now: ${missing.join(', ')}.`,
  ]
    .filter((line) => line !== '')
    .join('\n\n');
  return {
    openapi: '3.1.0',
    info: { title: 'Know Foolery API', version, description },
    servers: [{ url: '/', description: 'The gateway that serves this document' }],
    tags: tagsOf(paths),
    security: CREDENTIALS,
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE_NAMES.secure,
          description: `Set by POST /api/v1/sessions (${SESSION_COOKIE_NAMES.plain} where the platform runs without TLS). A request that changes state with it must come from an allowed Origin and carry the session's CSRF token in ${CSRF_HEADER_NAME}.`,
        },
      },
    },
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
  };
}
