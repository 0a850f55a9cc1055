import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { type Logger, pino } from 'pino';
import { ConfigError, type EnvSource, loadEnvironment, type ServerConfig } from '../config/index.js';
import { loggerOptions, stopTracing } from '../observability/index.js';
import { errorMessage, sleep } from '../utils/index.js';

/** What a service's `start` hands back: its app, and how to release what the app used. */
export interface StartedService {
  readonly app: FastifyInstance;
  /** Closes pools and clients after the app has stopped serving. */
  readonly release: () => Promise<void>;
}

export interface ServiceProcess<Config extends { readonly server: ServerConfig }> {
  readonly loadConfig: (env: EnvSource) => Config;
  readonly start: (config: Config, logger: Logger) => Promise<StartedService>;
}

const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_CONFIG = 78;
const EXIT_INTERRUPTED = 130;

/** How long the last spans may take to reach the collector once the service has stopped. */
const TRACE_FLUSH_TIMEOUT_MS = 5_000;

/**
 * The life of one service process: validated config, listen, and a graceful stop. On the first
 * SIGTERM or SIGINT readiness turns 503, the listener stops accepting, in-flight requests finish
 * (bounded by SHUTDOWN_TIMEOUT_MS), resources close and the process exits 0. A second signal
 * exits at once.
 */
export async function runService<Config extends { readonly server: ServerConfig }>(
  definition: ServiceProcess<Config>,
): Promise<void> {
  let config: Config;
  try {
    config = definition.loadConfig(loadEnvironment(process.env));
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : errorMessage(error)}\n`);
    process.exit(EXIT_CONFIG);
  }
  const { server } = config;
  const logger = pino(loggerOptions(`${server.service}-service`, server.logLevel));
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    process.exit(EXIT_FAILURE);
  });
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason }, 'unhandled promise rejection');
    process.exit(EXIT_FAILURE);
  });

  let started: StartedService;
  try {
    started = await definition.start(config, logger);
    await started.app.listen({ host: server.host, port: server.port });
  } catch (error) {
    logger.fatal({ err: error }, `could not start: ${errorMessage(error)}`);
    process.exit(EXIT_FAILURE);
  }
  stopOnSignals(started, server, logger);
}

function stopOnSignals(started: StartedService, server: ServerConfig, logger: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second stop signal: exiting now');
      process.exit(EXIT_INTERRUPTED);
    }
    stopping = true;
    logger.info({ signal }, 'stopping: draining in-flight requests');
    stop(started, server)
      .then(
        () => {
          logger.info('stopped cleanly');
          return EXIT_OK;
        },
        (error: unknown) => {
          logger.error({ err: error }, `stop failed: ${errorMessage(error)}`);
          return EXIT_FAILURE;
        },
      )
      .then(async (code) => {
        await flushTraces(logger);
        process.exit(code);
      });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  // Started by the launcher over an IPC channel: if the launcher dies, stop rather than live on as an orphan.
  if (process.send !== undefined) process.once('disconnect', () => onSignal('SIGTERM'));
}

async function stop(started: StartedService, server: ServerConfig): Promise<void> {
  started.app.health.shuttingDown = true;
  if (server.shutdownDrainDelayMs > 0) await sleep(server.shutdownDrainDelayMs);
  const timer = new AbortController();
  const deadline = sleep(server.shutdownTimeoutMs, timer.signal).then(() => {
    throw new Error(`in-flight requests did not finish within ${server.shutdownTimeoutMs} ms`);
  });
  try {
    await Promise.race([started.app.close(), deadline]);
  } finally {
    timer.abort();
  }
  await started.release();
}

/** The spans of the last requests are exported before the process exits (none with tracing off). */
async function flushTraces(logger: Logger): Promise<void> {
  try {
    if ((await stopTracing(TRACE_FLUSH_TIMEOUT_MS)) === 'timed-out') {
      logger.warn(`spans not exported: the collector did not answer within ${TRACE_FLUSH_TIMEOUT_MS} ms`);
    }
  } catch (error) {
    logger.warn({ err: error }, `spans not exported: ${errorMessage(error)}`);
  }
}

/** The `version` of the package.json at `url`, for health reports and API docs. */
export function packageVersion(url: URL): string {
  const parsed: unknown = JSON.parse(readFileSync(url, 'utf8'));
  if (
    typeof parsed === 'object' &&
    parsed !== null &&
    'version' in parsed &&
    typeof parsed.version === 'string'
  ) {
    return parsed.version;
  }
  return '0.0.0';
}
