import { type Static, type TSchema, Type } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';

/**
 * What a cache stores for a value: the caller's value under `data`. The wrapper tells it apart
 * from the other thing bentocache keeps in the same store, a tag's invalidation time (a number).
 */
export function storedValueSchema<S extends TSchema>(schema: S) {
  return Type.Object({ data: schema });
}

/**
 * An entry as bentocache 1.6 writes it to Redis (its own format, checked here because a Redis
 * value is data from outside the process: another version of the service may have written it).
 */
function entrySchema<S extends TSchema>(schema: S) {
  return Type.Object({
    value: Type.Union([storedValueSchema(schema), Type.Number()]),
    createdAt: Type.Number(),
    logicalExpiration: Type.Number(),
    tags: Type.Optional(Type.Array(Type.String())),
  });
}

export class InvalidCacheEntryError extends Error {
  constructor(reason: string) {
    super(`a cache entry read from Redis is not valid: ${reason}`);
    this.name = 'InvalidCacheEntryError';
  }
}

/**
 * bentocache's serializer for one cache: JSON, and every entry read back is checked against the
 * cache's schema before anyone sees it. An entry that fails (written by another version, or
 * damaged) throws; bentocache then treats the read as a miss and the loader replaces the entry.
 */
export class EntryCodec<S extends TSchema> {
  readonly #validator: Validator<Record<PropertyKey, TSchema>, ReturnType<typeof entrySchema<S>>>;
  readonly #onInvalid: () => void;
  /**
   * The entry last read from Redis and its text. bentocache writes an entry it has just read into
   * the first level as JSON again (see FirstLevel); for a pool of the whole bank that is several
   * milliseconds of JSON.stringify, saved by handing back the text it came from while nothing in
   * the entry has changed (a backoff after a failed refresh changes its expiry).
   */
  #last: { readonly text: string; readonly entry: Static<ReturnType<typeof entrySchema<S>>> } | undefined;

  constructor(schema: S, onInvalid: () => void) {
    this.#validator = Compile(entrySchema(schema));
    this.#onInvalid = onInvalid;
  }

  serialize(entry: unknown): string {
    const last = this.#last;
    if (
      last !== undefined &&
      typeof entry === 'object' &&
      entry !== null &&
      'value' in entry &&
      'createdAt' in entry &&
      'logicalExpiration' in entry &&
      entry.value === last.entry.value &&
      entry.createdAt === last.entry.createdAt &&
      entry.logicalExpiration === last.entry.logicalExpiration
    ) {
      return last.text;
    }
    return JSON.stringify(entry);
  }

  deserialize(text: unknown): Static<ReturnType<typeof entrySchema<S>>> {
    if (typeof text !== 'string') return this.#invalid('not text');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return this.#invalid('not JSON');
    }
    if (this.#validator.Check(parsed)) {
      this.#last = { text, entry: parsed };
      return parsed;
    }
    const [first] = this.#validator.Errors(parsed);
    return this.#invalid(first === undefined ? 'wrong shape' : `${first.instancePath} ${first.message}`);
  }

  #invalid(reason: string): never {
    this.#onInvalid();
    throw new InvalidCacheEntryError(reason);
  }
}
