import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { RedisConfig } from '../config/index.js';
import { reconnectDelayMs } from './backoff.js';

export type RedisConnection = Redis | Cluster;

interface UrlParts {
  readonly host: string;
  readonly port: number;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly db: number;
  readonly tls: boolean;
}

function urlParts(url: string): UrlParts {
  const parsed = new URL(url);
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    username: parsed.username === '' ? undefined : decodeURIComponent(parsed.username),
    password: parsed.password === '' ? undefined : decodeURIComponent(parsed.password),
    db: db === '' ? 0 : Number(db),
    tls: parsed.protocol === 'rediss:',
  };
}

/** After a failover the old primary may answer as a replica: reconnect and resend to the new one. */
const reconnectOnReadOnly = (error: Error): 2 | false => (error.message.startsWith('READONLY') ? 2 : false);

/**
 * Opens the process's command connection for the configured mode. ioredis pipelines every
 * command over one connection, so one per process serves every request (see `RedisClient`).
 */
export function openConnection(config: RedisConfig, url: string): RedisConnection {
  const parts = urlParts(url);
  const retry = (attempt: number) => reconnectDelayMs(attempt, config.reconnectBaseMs, config.reconnectMaxMs);
  const perNode = {
    username: parts.username,
    password: parts.password,
    tls: parts.tls ? {} : undefined,
    connectTimeout: config.connectTimeoutMs,
    commandTimeout: config.commandTimeoutMs,
    maxRetriesPerRequest: 2,
    reconnectOnError: reconnectOnReadOnly,
  };
  const common: RedisOptions = { ...perNode, retryStrategy: retry, lazyConnect: true };
  switch (config.mode) {
    case 'single':
      return new Redis({
        ...common,
        host: parts.host,
        port: parts.port,
        db: parts.db,
        keyPrefix: config.keyPrefix,
      });
    case 'sentinel':
      return new Redis({
        ...common,
        db: parts.db,
        keyPrefix: config.keyPrefix,
        sentinels: config.sentinels.map((address) => ({ host: address.host, port: address.port })),
        name: config.sentinelMaster,
        sentinelRetryStrategy: retry,
        enableTLSForSentinelMode: parts.tls,
        // Hears the sentinels announce a new primary instead of waiting for the old one to time out.
        failoverDetector: true,
      });
    case 'cluster':
      return new Cluster(
        config.clusterNodes.map((address) => ({ host: address.host, port: address.port })),
        {
          keyPrefix: config.keyPrefix,
          lazyConnect: true,
          clusterRetryStrategy: retry,
          redisOptions: perNode,
        },
      );
  }
}

/** The servers holding the data: the connection itself, or every master of a cluster. */
export function primaryServers(connection: RedisConnection): readonly Redis[] {
  return connection instanceof Cluster ? connection.nodes('master') : [connection];
}
