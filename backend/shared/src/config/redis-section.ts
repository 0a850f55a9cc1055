import type { EnvReader } from './env-reader.js';

export const REDIS_MODES = ['single', 'sentinel', 'cluster'] as const;
export type RedisMode = (typeof REDIS_MODES)[number];

export interface RedisAddress {
  readonly host: string;
  readonly port: number;
}

export interface RedisConfig {
  /**
   * `redis://` or `rediss://` (TLS), with `user:password@` for ACLs and `/db` for the database.
   * Null without `REDIS_URL`: the Redis-backed parts use their in-memory implementations. In sentinel
   * and cluster modes the URL still gives the credentials, TLS and database; the addresses come
   * from `REDIS_SENTINELS` or `REDIS_CLUSTER_NODES`.
   */
  readonly url: string | null;
  readonly mode: RedisMode;
  readonly sentinels: readonly RedisAddress[];
  readonly sentinelMaster: string;
  readonly clusterNodes: readonly RedisAddress[];
  /** Put before every key, so several environments can share one server. */
  readonly keyPrefix: string;
  readonly connectTimeoutMs: number;
  /** A command without an answer by then fails, so a frozen server cannot hold requests forever. */
  readonly commandTimeoutMs: number;
  /** The first reconnect waits up to this long (with jitter), doubling per attempt up to the max. */
  readonly reconnectBaseMs: number;
  readonly reconnectMaxMs: number;
  /** Consecutive failed commands that open the breaker, after which commands fail at once. */
  readonly breakerFailureThreshold: number;
  /** How long an open breaker waits before it lets a trial command through. */
  readonly breakerHalfOpenAfterMs: number;
}

const ADDRESS = /^(?<host>[^\s:]+|\[[0-9a-fA-F:]+\]):(?<port>\d{1,5})$/;

function readAddresses(env: EnvReader, name: string): readonly RedisAddress[] {
  const addresses: RedisAddress[] = [];
  for (const item of env.list(name, [])) {
    const match = ADDRESS.exec(item);
    const host = match?.groups?.host;
    const port = Number(match?.groups?.port);
    if (host === undefined || !(port > 0 && port <= 65_535)) {
      env.reject(name, `expected a comma-separated list of host:port, got "${item}"`);
      continue;
    }
    addresses.push({ host: host.replace(/^\[|\]$/g, ''), port });
  }
  return addresses;
}

function readRedisUrl(env: EnvReader): string | null {
  const raw = env.optionalString('REDIS_URL');
  if (raw === undefined) return null;
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || !['redis:', 'rediss:'].includes(parsed.protocol)) {
    // The value may hold a password: the message never repeats it.
    env.reject('REDIS_URL', 'expected a redis:// or rediss:// URL');
    return null;
  }
  if (!/^\/?(\d{1,2})?$/.test(parsed.pathname)) {
    env.reject('REDIS_URL', `expected a database number as the path, got "${parsed.pathname}"`);
  }
  return raw;
}

export function readRedisConfig(env: EnvReader): RedisConfig {
  const url = readRedisUrl(env);
  const mode = env.oneOf('REDIS_MODE', REDIS_MODES, 'single');
  const sentinels = readAddresses(env, 'REDIS_SENTINELS');
  const clusterNodes = readAddresses(env, 'REDIS_CLUSTER_NODES');
  if (url !== null && mode === 'sentinel' && sentinels.length === 0) {
    env.reject('REDIS_SENTINELS', 'is required when REDIS_MODE=sentinel');
  }
  if (url !== null && mode === 'cluster' && clusterNodes.length === 0) {
    env.reject('REDIS_CLUSTER_NODES', 'is required when REDIS_MODE=cluster');
  }
  const reconnectBaseMs = env.integer('REDIS_RECONNECT_BASE_MS', 50, { min: 1, max: 60_000 });
  const reconnectMaxMs = env.integer('REDIS_RECONNECT_MAX_MS', 2_000, { min: 1, max: 600_000 });
  if (reconnectBaseMs > reconnectMaxMs) {
    env.reject(
      'REDIS_RECONNECT_BASE_MS',
      `must be at most REDIS_RECONNECT_MAX_MS (${reconnectMaxMs}), got ${reconnectBaseMs}`,
    );
  }
  return {
    url,
    mode,
    sentinels,
    sentinelMaster: env.string('REDIS_SENTINEL_MASTER', 'mymaster'),
    clusterNodes,
    keyPrefix: env.string('REDIS_KEY_PREFIX', 'kf:', {
      regex: /^[A-Za-z0-9._:-]{1,64}$/,
      expected: 'letters, digits, ".", "_", ":" or "-" (at most 64)',
    }),
    connectTimeoutMs: env.integer('REDIS_CONNECT_TIMEOUT_MS', 5_000, { min: 100, max: 120_000 }),
    commandTimeoutMs: env.integer('REDIS_COMMAND_TIMEOUT_MS', 1_000, { min: 10, max: 120_000 }),
    reconnectBaseMs,
    reconnectMaxMs,
    breakerFailureThreshold: env.integer('REDIS_BREAKER_THRESHOLD', 5, { min: 1, max: 1_000 }),
    breakerHalfOpenAfterMs: env.integer('REDIS_BREAKER_HALF_OPEN_MS', 1_000, { min: 10, max: 600_000 }),
  };
}

/** The URL with its password hidden, fit for a log line. */
export function describeRedisUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password !== '') parsed.password = '***';
  return parsed.toString();
}
