import { BentoCache, type BentoStore, bentostore, errors } from 'bentocache';
import type { CacheProvider } from 'bentocache/types';
import type { Static, TSchema } from 'typebox';
import type { CacheErrorOperation, InvalidationOrigin } from './cache-metrics.js';
import type { CacheContext, CachedValues, CachedValuesOptions, GetOrLoad } from './cache-types.js';
import { EntryCodec } from './entry-codec.js';
import { FirstLevel } from './first-level.js';
import { RedisBus } from './redis-bus.js';
import { RedisLevel } from './redis-level.js';

/** bentocache keeps each tag's invalidation time as an entry under this prefix (its 1.6 internals). */
const TAG_KEY_PREFIX = '___bc:t:';

const isTagKey = (key: string) => key.startsWith(TAG_KEY_PREFIX);

/**
 * One kind of value of a cache: a bentocache store of its own (its serializer checks this kind's
 * schema), with the in-process level in front of Redis and the bus behind it. Tags are per store;
 * the cache invalidates a tag in every one of its stores.
 */
export class CachedKind<S extends TSchema> implements CachedValues<Static<S>> {
  readonly name: string;
  readonly #store: CacheProvider;
  readonly #firstLevel: FirstLevel;
  readonly #redisLevel: RedisLevel | undefined;
  readonly #bus: RedisBus | undefined;
  readonly #context: CacheContext;

  constructor(context: CacheContext, options: CachedValuesOptions<S>) {
    this.name = `${context.cacheName}:${options.kind}`;
    this.#context = context;
    const prefix = `cache:${this.name}`;
    const onError = (operation: CacheErrorOperation) =>
      context.metrics.errors.inc({ cache: this.name, operation });
    this.#firstLevel = new FirstLevel({
      prefix,
      maxItems: options.firstLevelMaxItems ?? 1_000,
      maxTtlMs: options.firstLevelTtlMs,
    });
    const store = bentostore({
      ttl: options.ttlMs,
      // bentocache keeps an entry for `grace` from its write; graceMs counts from the end of the TTL.
      grace: options.ttlMs + options.graceMs,
      graceBackoff: options.retryFailedLoadAfterMs ?? 5_000,
      timeout: options.refreshWaitMs ?? 1_000,
      suppressL2Errors: true,
    });
    // bentocache reads `serialize` from these options to choose between JSON and objects in memory.
    store.useL1Layer({ options: { serialize: false }, factory: () => this.#firstLevel });
    const redis = context.redis;
    if (redis !== undefined) {
      this.#redisLevel = new RedisLevel(redis.client, prefix, onError);
      this.#bus = new RedisBus(redis.client, {
        channelPrefix: redis.channelPrefix,
        resubscribeDelayMs: context.resubscribeDelayMs,
        onError,
      });
      // What was published while the bus was cut off is lost: memory may hold values it invalidated.
      this.#bus.onReconnect(() => this.#firstLevel.clear());
      const level = this.#redisLevel;
      const bus = this.#bus;
      store.useL2Layer({ options: {}, factory: () => level }).useBus({ options: {}, factory: () => bus });
    }
    const bento = new BentoCache({
      default: this.name,
      prefix,
      serializer: new EntryCodec(options.schema, (reason) => {
        onError('invalid-entry');
        // Stryker disable next-line OptionalChaining: what this throws without a logger ends in bentocache's catch, as the codec's own error does
        context.logger?.warn({ cache: this.name, reason }, 'cache: an entry read from Redis is not valid');
      }),
      stores: { [this.name]: store },
    });
    this.#record(bento);
    // bentocache builds a store, and subscribes its bus, on first use: now, so that an invalidation
    // published before this instance's first lookup still reaches it.
    this.#store = bento.use();
  }

  async getOrLoad(key: string, request: GetOrLoad<Static<S>>): Promise<Static<S>> {
    try {
      const stored = await this.#store.getOrSet({
        key,
        tags: [...request.tags],
        factory: async () => ({ data: await this.#load(key, request.load) }),
      });
      return stored.data;
    } catch (error) {
      this.#countLookup('miss', 'miss');
      throw error instanceof errors.E_FACTORY_ERROR ? error.cause : error;
    }
  }

  /** Invalidates `tags` here, in Redis and (through the bus) on every instance; true if Redis took it. */
  async invalidateTags(tags: readonly string[]): Promise<boolean> {
    const failuresBefore = this.#redisLevel?.writeFailures ?? 0;
    await this.#store.deleteByTag({ tags: [...tags] });
    this.#countInvalidations('local', tags.length);
    return (this.#redisLevel?.writeFailures ?? 0) === failuresBefore;
  }

  /** Resolves once this kind listens to the bus (at once without Redis). */
  async subscribed(): Promise<void> {
    await this.#bus?.subscribed();
  }

  async close(): Promise<void> {
    await this.#store.disconnect();
  }

  async #load(key: string, load: () => Promise<Static<S>>): Promise<Static<S>> {
    const { loads, loadDuration } = this.#context.metrics;
    const started = performance.now();
    try {
      const value = await load();
      loads.inc({ cache: this.name, result: 'success' });
      return value;
    } catch (error) {
      loads.inc({ cache: this.name, result: 'failure' });
      // A refresh in the background has no caller to tell.
      this.#context.logger?.warn(
        { cache: this.name, key, error: error instanceof Error ? error.message : String(error) },
        'cache: loading a value failed',
      );
      throw error;
    } finally {
      loadDuration.observe({ cache: this.name }, (performance.now() - started) / 1000);
    }
  }

  /** Turns bentocache's events into the metrics; its own tag bookkeeping is left out. */
  #record(bento: BentoCache<Record<string, BentoStore>>): void {
    const { staleServed } = this.#context.metrics;
    bento.on('cache:hit', ({ key, layer, graced }) => {
      if (isTagKey(key)) return;
      if (graced) {
        staleServed.inc({ cache: this.name });
        this.#countLookup('miss', 'miss');
      } else if (layer === 'l1') {
        this.#countLookup('hit', undefined);
      } else {
        this.#countLookup('miss', 'hit');
      }
    });
    bento.on('cache:miss', ({ key }) => {
      if (!isTagKey(key)) this.#countLookup('miss', 'miss');
    });
    // A tag invalidation travels as the write of the tag's entry; no other message names a tag's key.
    bento.on('bus:message:received', ({ message }) => {
      this.#countInvalidations('remote', message.keys.filter(isTagKey).length);
    });
  }

  #countLookup(firstLevel: 'hit' | 'miss', redisLevel: 'hit' | 'miss' | undefined): void {
    const { lookups } = this.#context.metrics;
    lookups.inc({ cache: this.name, level: 'l1', result: firstLevel });
    if (redisLevel !== undefined && this.#redisLevel !== undefined) {
      lookups.inc({ cache: this.name, level: 'l2', result: redisLevel });
    }
  }

  #countInvalidations(origin: InvalidationOrigin, count: number): void {
    this.#context.metrics.invalidations.inc({ cache: this.name, origin }, count);
  }
}
