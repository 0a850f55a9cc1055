import { Type } from 'typebox';
import type { CachedValuesOptions } from '../src/cache/index.js';
import type { MetricsRegistry } from '../src/observability/index.js';

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
export async function metricValue(
  registry: MetricsRegistry,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((candidate) => candidate.name === name);
  return (metric?.values ?? [])
    .filter((value) => Object.entries(labels).every(([key, expected]) => value.labels[key] === expected))
    .reduce((sum, value) => sum + value.value, 0);
}
