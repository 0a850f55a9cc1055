import { Ajv, type Options, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fastUri from 'fast-uri';
import type { FastifySchemaCompiler } from 'fastify';
import { firstMatchPath } from './first-match.js';

const common: Options = {
  removeAdditional: false,
  useDefaults: true,
  // allErrors would let a crafted body make validation do unbounded work.
  allErrors: false,
  // NaN and Infinity are never valid numbers (JSON.parse reads 1e309 as Infinity).
  strictNumbers: true,
  uriResolver: fastUri,
  addUsedSchema: false,
};

function compiler(options: Options): Ajv {
  const ajv = new Ajv({ ...common, ...options });
  addFormats.default(ajv);
  return ajv;
}

type Validator = ReturnType<FastifySchemaCompiler<unknown>>;

const isNonFiniteNumber = (value: unknown): boolean => typeof value === 'number' && !Number.isFinite(value);

/**
 * Ajv coerces the text "1e309" or "Infinity" to Infinity without checking it again, and with
 * `strictNumbers` its `minimum` and `maximum` skip a number that is not finite: `?limit=1e309`
 * would pass as Infinity. So coerced values are checked once more.
 */
function finiteNumbersOnly(validate: ValidateFunction): Validator {
  return (data: unknown) => {
    if (!validate(data)) return { error: validate.errors ?? [] };
    const path = firstMatchPath(data, isNonFiniteNumber);
    if (path === null) return true;
    return {
      error: [
        {
          keyword: 'finite',
          instancePath: path,
          schemaPath: '#',
          params: {},
          message: 'must be a finite number',
        },
      ],
    };
  };
}

/**
 * A body of another media type reaches its route as bytes or a stream (a raw upload, a multipart
 * form), which the route reads and checks itself: its schema is there to document it.
 */
const isJson = (mediaType: string | undefined): boolean =>
  mediaType === undefined || mediaType === 'application/json' || mediaType.endsWith('+json');

const readByTheRoute: Validator = () => true;

/**
 * Query strings, path parameters and headers are text, so they are coerced to their declared
 * types. JSON bodies already carry types: they are validated strictly, so `{"score": "12"}` is
 * refused rather than quietly read as 12.
 */
export function strictBodyValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const coercing = compiler({ coerceTypes: 'array' });
  const strict = compiler({ coerceTypes: false });
  return ({ schema, httpPart, contentType }) => {
    if (httpPart !== 'body') return finiteNumbersOnly(coercing.compile(schema as object));
    return isJson(contentType) ? strict.compile(schema as object) : readByTheRoute;
  };
}
