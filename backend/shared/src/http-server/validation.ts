import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import fastUri from 'fast-uri';
import type { FastifySchemaCompiler } from 'fastify';

const common: Options = {
  removeAdditional: false,
  useDefaults: true,
  // allErrors would let a crafted body make validation do unbounded work.
  allErrors: false,
  uriResolver: fastUri,
  addUsedSchema: false,
};

function compiler(options: Options): Ajv {
  const ajv = new Ajv({ ...common, ...options });
  addFormats.default(ajv);
  return ajv;
}

/**
 * Query strings, path parameters and headers are text, so they are coerced to their declared
 * types. JSON bodies already carry types: they are validated strictly, so `{"score": "12"}` is
 * refused rather than quietly read as 12.
 */
export function strictBodyValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const coercing = compiler({ coerceTypes: 'array' });
  const strict = compiler({ coerceTypes: false });
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema as object);
}
