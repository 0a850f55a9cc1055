/**
 * Malformed requests for every operation of the public document: hostile path segments, query
 * values and bodies, one fault at a time. What a caller of the platform may send by mistake or on
 * purpose; none of it may crash a service, leak a stack, or answer in anything but problem+json.
 */

export interface Operation {
  readonly method: string;
  /** The path template, `/api/v1/games/{id}/answers`. */
  readonly template: string;
  readonly queryNames: readonly string[];
  readonly bodyNames: readonly string[];
  readonly takesBody: boolean;
}

export interface BadRequest {
  readonly label: string;
  readonly method: string;
  readonly path: string;
  readonly contentType?: string;
  /** The raw body, sent as is: bad input is often not JSON at all. */
  readonly body?: string;
}

interface OpenApiOperation {
  readonly parameters?: readonly { readonly in: string; readonly name: string }[];
  readonly requestBody?: {
    readonly content?: Record<string, { readonly schema?: { readonly properties?: object } }>;
  };
}

export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OpenApiOperation>>;
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

export function publicOperations(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths)
    .filter(([template]) => template.startsWith('/api/v1/'))
    .flatMap(([template, operations]) =>
      Object.entries(operations)
        .filter(([method]) => METHODS.has(method))
        .map(([method, operation]) => {
          const json = operation.requestBody?.content?.['application/json'];
          return {
            method: method.toUpperCase(),
            template,
            queryNames: (operation.parameters ?? [])
              .filter((parameter) => parameter.in === 'query')
              .map((parameter) => parameter.name),
            bodyNames: Object.keys(json?.schema?.properties ?? {}),
            takesBody: json !== undefined,
          };
        }),
    );
}

const BAD_SEGMENTS: readonly [string, string][] = [
  ['NUL', 'a%00b'],
  ['only NUL', '%00'],
  ['300 characters', 'x'.repeat(300)],
  ['bad percent-encoding', '%ZZ'],
  ['encoded dot segment', '%2e%2e'],
  ['emoji', encodeURIComponent('💥💥')],
  ['SQL', encodeURIComponent("' OR 1=1 --")],
  ['overflowing number', '1e309'],
];

const BAD_QUERY_VALUES: readonly [string, string][] = [
  ['NUL', '%00'],
  ['NUL inside', 'a%00b'],
  ['1e309', '1e309'],
  ['-1e309', '-1e309'],
  ['Infinity', 'Infinity'],
  ['NaN', 'NaN'],
  ['negative', '-1'],
  ['huge integer', '99999999999999999999999'],
  ['fraction', '0.5'],
  ['empty', ''],
  ['5,000 characters', 'x'.repeat(5000)],
  ['object syntax', encodeURIComponent('{"$gt":""}')],
  ['emoji', encodeURIComponent('💥'.repeat(60))],
];

const BAD_VALUES: readonly [string, string][] = [
  ['null', 'null'],
  ['number', '42'],
  ['overflowing number', '1e999'],
  ['negative', '-1'],
  ['boolean', 'true'],
  ['array', '[]'],
  ['object', '{}'],
  ['empty string', '""'],
  ['NUL string', '"\\u0000"'],
  ['NUL inside', '"a\\u0000b"'],
  ['lone surrogate', '"\\ud800"'],
  ['10,000 characters', JSON.stringify('x'.repeat(10_000))],
  ['100 emoji', JSON.stringify('💥'.repeat(100))],
  ['only punctuation', '"?!..."'],
];

const BAD_BODIES: readonly [string, string, string][] = [
  ['truncated JSON', 'application/json', '{'],
  ['a JSON array', 'application/json', '[]'],
  ['JSON null', 'application/json', 'null'],
  ['a JSON string', 'application/json', '"text"'],
  ['deep nesting', 'application/json', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ['prototype pollution', 'application/json', '{"__proto__":{"roles":["admin"]}}'],
  ['constructor pollution', 'application/json', '{"constructor":{"prototype":{"roles":["admin"]}}}'],
  ['over the body limit', 'application/json', JSON.stringify({ text: 'x'.repeat(70 * 1024) })],
  ['form encoding', 'application/x-www-form-urlencoded', 'a=1&b=2'],
  ['no content type', '', '{}'],
  ['XML', 'application/xml', '<a/>'],
];

/**
 * Every bad request for the operation. `fill` gives concrete values for the path template and a
 * valid body to break one property of at a time.
 */
export function badRequestsFor(
  operation: Operation,
  fill: { readonly path: string; readonly body: Readonly<Record<string, unknown>> },
): BadRequest[] {
  const { method } = operation;
  const requests: BadRequest[] = [];
  const base = `${method} ${operation.template}`;
  const validBody = JSON.stringify(fill.body);
  const withBody = operation.takesBody ? { contentType: 'application/json', body: validBody } : {};
  const segments = operation.template.match(/\{[^}]+\}/g) ?? [];
  for (const segment of segments) {
    for (const [label, value] of BAD_SEGMENTS) {
      const path = operation.template.replace(segment, value).replaceAll(/\{[^}]+\}/g, 'x');
      requests.push({ label: `${base}: ${segment} ${label}`, method, path, ...withBody });
    }
  }
  for (const name of [...operation.queryNames, 'unknownParameter']) {
    for (const [label, value] of BAD_QUERY_VALUES) {
      requests.push({
        label: `${base}: ?${name} ${label}`,
        method,
        path: `${fill.path}?${name}=${value}`,
        ...withBody,
      });
    }
    requests.push({
      label: `${base}: ?${name} twice`,
      method,
      path: `${fill.path}?${name}=a&${name}=b`,
      ...withBody,
    });
  }
  if (!operation.takesBody) return requests;
  for (const name of [...operation.bodyNames, 'unknownProperty']) {
    const others = Object.entries(fill.body)
      .filter(([key]) => key !== name)
      .map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`);
    for (const [label, value] of BAD_VALUES) {
      requests.push({
        label: `${base}: body.${name} ${label}`,
        method,
        path: fill.path,
        contentType: 'application/json',
        body: `{${[...others, `${JSON.stringify(name)}:${value}`].join(',')}}`,
      });
    }
  }
  for (const [label, contentType, body] of BAD_BODIES) {
    requests.push({
      label: `${base}: ${label}`,
      method,
      path: fill.path,
      ...(contentType === '' ? {} : { contentType }),
      body,
    });
  }
  return requests;
}
