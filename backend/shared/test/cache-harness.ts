import { Histogram } from 'prom-client';
import { Type } from 'typebox';
import {
  type CachedValuesOptions,
  type CacheLogger,
  createCache,
  type PlatformCache,
} from '../src/cache/index.js';
import { createMetricsRegistry, type MetricsRegistry } from '../src/observability/index.js';
import { RedisClient } from '../src/redis/index.js';
import { metricSum } from '../src/testing/metrics.js';
import { deleteKeys, redisCli, testRedisConfig } from '../src/testing/redis.js';

/** The value the cache tests store: which version of the truth a loader read. */
export const Versioned = Type.Object({ version: Type.Integer() });

/** A kind with a long TTL and first level, unless a test says otherwise. */
export function versionedKind(overrides: Partial<CachedValuesOptions<typeof Versioned>> = {}) {
  return {
    kind: 'versioned',
    schema: Versioned,
    ttlMs: 60_000,
    graceMs: 600_000,
    firstLevelTtlMs: 60_000,
    ...overrides,
  } satisfies CachedValuesOptions<typeof Versioned>;
}

/** The truth behind a cache: a version to read, and a count of the reads. */
export class Source {
  version = 1;
  loads = 0;
  failing = false;

  readonly load = async () => {
    this.loads += 1;
    if (this.failing) throw new Error('the database is down');
    return { version: this.version };
  };
}

/** The sum of a metric's series whose labels include `labels`. */
export const metricValue = metricSum;

/** One histogram's series for one cache: its sum, count and cumulative count per bucket bound. */
export async function histogramOf(
  registry: MetricsRegistry,
  name: string,
  cache: string,
): Promise<{ sum: number; count: number; buckets: ReadonlyMap<string, number> }> {
  const metric = registry.getSingleMetric(name);
  if (!(metric instanceof Histogram)) throw new Error(`${name} is not a histogram`);
  const series = (await metric.get()).values.filter((value) => value.labels.cache === cache);
  const named = (suffix: string) =>
    series.find((value) => value.metricName === `${name}${suffix}`)?.value ?? Number.NaN;
  const buckets = new Map(
    series
      .filter((value) => value.metricName === `${name}_bucket`)
      .map((value) => [String(value.labels.le), value.value]),
  );
  return { sum: named('_sum'), count: named('_count'), buckets };
}

/** A logger that keeps what the cache warns about. */
export class RecordingLogger {
  readonly warnings: { readonly details: Readonly<Record<string, unknown>>; readonly message: string }[] = [];

  warn(details: Readonly<Record<string, unknown>>, message: string): void {
    this.warnings.push({ details, message });
  }
}

/** One service instance's cache on Redis: its own client, metrics and first level. */
export interface RedisInstance {
  readonly cache: PlatformCache;
  readonly redis: RedisClient;
  readonly metrics: MetricsRegistry;
}

/**
 * The instances of a cache named `two` that one test file opens on the shared test Redis, under the
 * file's own key prefix; `closeAll` (after each test) closes them and removes their keys.
 */
export class RedisInstances {
  readonly #serverUrl: string;
  readonly #keyPrefix: string;
  readonly #opened: RedisInstance[] = [];

  constructor(serverUrl: string, keyPrefix: string) {
    this.#serverUrl = serverUrl;
    this.#keyPrefix = keyPrefix;
  }

  /** `channelPrefix` other than the key prefix puts the instance on a bus of its own (it hears nobody). */
  async open(options: { readonly channelPrefix?: string; readonly logger?: CacheLogger } = {}) {
    const metrics = createMetricsRegistry();
    const redis = new RedisClient({
      config: testRedisConfig({ keyPrefix: this.#keyPrefix }),
      url: this.#serverUrl,
      metrics,
    });
    await redis.connect();
    const cache = createCache({
      name: 'two',
      redis: { client: redis, keyPrefix: options.channelPrefix ?? this.#keyPrefix },
      metrics,
      logger: options.logger,
    });
    const opened = { cache, redis, metrics };
    this.#opened.push(opened);
    return opened;
  }

  /** The channels of the shared bus that someone listens on. */
  async listenedChannels(): Promise<string[]> {
    const channels = await redisCli(this.#serverUrl, 'PUBSUB', 'CHANNELS', `${this.#keyPrefix}cache-bus:*`);
    return channels
      .split('\n')
      .filter((line) => line !== '')
      .sort();
  }

  async closeAll(): Promise<void> {
    for (const { cache, redis } of this.#opened.splice(0)) {
      await cache.close();
      await redis.close();
    }
    await deleteKeys(this.#serverUrl, this.#keyPrefix);
  }
}
