import type { Logger } from 'pino';
import { collectDefaultMetrics, type Registry } from 'prom-client';
import type { ServerConfig } from '../config/index.js';
import { METRICS_PATH, type MetricsListener, openMetricsListener } from './metrics-listener.js';

/** What a service's compose function hands back when it has metrics to serve. */
export interface MeteredService {
  /** The process's registry: everything it records, served on the metrics port. */
  readonly metrics: Registry;
  readonly release: () => Promise<void>;
}

/** Where its metrics are served: the port the listener got, or null with metrics off. */
export interface ServingMetrics {
  readonly metricsPort: number | null;
}

/**
 * A service's start, with its registry served on `metricsPort` (and the process's runtime metrics
 * in it) until it is released. A process does this from its main.ts (the end-to-end platform as
 * main.ts would); a test that composes a service directly opens no second port and samples nothing.
 */
export function servingMetrics<
  Config extends { readonly server: ServerConfig },
  Started extends MeteredService,
>(
  start: (config: Config, logger: Logger) => Promise<Started>,
): (config: Config, logger: Logger) => Promise<Started & ServingMetrics> {
  return async (config, logger) => {
    const started = await start(config, logger);
    const { host, metricsPort } = config.server;
    if (metricsPort === null) {
      logger.info('metrics are off');
      return { ...started, metricsPort: null };
    }
    collectDefaultMetrics({ register: started.metrics });
    let listener: MetricsListener;
    try {
      listener = await openMetricsListener(started.metrics, { host, port: metricsPort });
    } catch (error) {
      await started.release();
      throw error;
    }
    logger.info({ metrics: `http://${host}:${listener.port}${METRICS_PATH}` }, 'metrics are served');
    return {
      ...started,
      metricsPort: listener.port,
      release: async () => {
        await listener.close();
        await started.release();
      },
    };
  };
}
