import { Registry } from 'prom-client';

/**
 * The registry a process records its metrics in. Each process creates one at start and hands it to
 * whatever records metrics; nothing here touches prom-client's global registry, so importing this
 * module (or creating a registry in a test) leaves no state behind.
 */
export function createMetricsRegistry(defaultLabels: Readonly<Record<string, string>> = {}): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ ...defaultLabels });
  return registry;
}

export type { Registry as MetricsRegistry } from 'prom-client';
