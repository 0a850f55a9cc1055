import type { MetricsRegistry } from '../observability/index.js';

/**
 * The value of one series as Prometheus would scrape it from `registry`, named as the text format
 * writes it (`games_ended_total{reason="expired"}`, labels in the registry's order); undefined when
 * the registry has no such series.
 */
export async function scrapedValue(registry: MetricsRegistry, series: string): Promise<number | undefined> {
  for (const line of (await registry.metrics()).split('\n')) {
    if (line.startsWith(`${series} `)) return Number(line.slice(series.length + 1));
  }
  return undefined;
}

/** The sum of a metric's series whose labels include `labels`; 0 when none has been recorded. */
export async function metricSum(
  registry: MetricsRegistry,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((candidate) => candidate.name === name);
  return (metric?.values ?? [])
    .filter((value) => Object.entries(labels).every(([key, expected]) => value.labels[key] === expected))
    .reduce((sum, value) => sum + value.value, 0);
}
