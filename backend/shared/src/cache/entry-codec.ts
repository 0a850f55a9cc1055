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

type StoredEntry<S extends TSchema> = Static<ReturnType<typeof entrySchema<S>>>;

/**
 * bentocache's serializer for one cache: JSON, and every entry read back is checked against the
 * cache's schema before anyone sees it. An entry that fails (written by another version, or
 * damaged) is reported to `onInvalid` with the reason, then thrown out: bentocache treats the read
 * as a miss (dropping the error) and the loader replaces the entry.
 */
export class EntryCodec<S extends TSchema> {
  readonly #validator: Validator<Record<PropertyKey, TSchema>, ReturnType<typeof entrySchema<S>>>;
  readonly #onInvalid: (reason: string) => void;
  /**
   * The entry last read from Redis and its text. bentocache writes an entry it has just read into
   * the first level as JSON again (see FirstLevel); for a pool of the whole bank that is several
   * milliseconds of JSON.stringify, saved by handing back the text it came from while nothing in
   * the entry has changed (a backoff after a failed refresh changes its expiry). Its value, parsed
   * from that text, is an object no other entry holds (a tag's entry holds a number: another with the
   * same number and expiry reads the same).
   */
  #last: { readonly text: string; readonly entry: StoredEntry<S> } | undefined;

  constructor(schema: S, onInvalid: (reason: string) => void) {
    this.#validator = Compile(entrySchema(schema));
    this.#onInvalid = onInvalid;
  }

  /** bentocache hands its serializer entries only (its CacheStack.set and CacheEntry.serialize). */
  serialize(entry: StoredEntry<S>): string {
    const last = this.#last;
    const unchanged =
      last?.entry.value === entry.value && last.entry.logicalExpiration === entry.logicalExpiration;
    return unchanged ? last.text : JSON.stringify(entry);
  }

  /** bentocache hands it what the Redis level read, which is text (RedisLevel.get answers strings). */
  deserialize(text: string): StoredEntry<S> {
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
    const [where] = this.#validator.Errors(parsed).map((error) => `${error.instancePath} ${error.message}`);
    // Stryker disable next-line StringLiteral: TypeBox names at least one error for every value its check refuses
    return this.#invalid(where ?? 'not the schema');
  }

  /** The error is only bentocache's signal to treat the read as a miss; the reason goes to onInvalid. */
  #invalid(reason: string): never {
    this.#onInvalid(reason);
    throw new Error(reason);
  }
}
