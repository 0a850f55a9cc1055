import { describeRedisUrl, type RedisConfig } from '@know-foolery/shared/config';
import { parseDatabaseUrl } from '@know-foolery/shared/database';
import { createMetricsRegistry } from '@know-foolery/shared/observability';
import { RedisClient } from '@know-foolery/shared/redis';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';

export interface CheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly latencyMs: number;
}

async function timed(name: string, check: () => Promise<string>): Promise<CheckResult> {
  const started = performance.now();
  try {
    const detail = await check();
    return { name, ok: true, detail, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    const detail = `${error instanceof Error ? error.message : String(error)}${cause}`;
    return { name, ok: false, detail, latencyMs: Math.round(performance.now() - started) };
  }
}

/** One round trip to the database a URL names (PostgreSQL), or opening its file (SQLite). */
export function checkDatabase(url: string, timeoutMs: number): Promise<CheckResult> {
  return timed('database', async () => {
    const target = parseDatabaseUrl(url);
    if (target.dialect === 'sqlite') {
      const database = new BetterSqlite3(target.filename, {
        fileMustExist: target.filename !== ':memory:',
        timeout: timeoutMs,
      });
      try {
        database.prepare('select 1').get();
      } finally {
        database.close();
      }
      return `sqlite ${target.filename}`;
    }
    const client = new pg.Client({
      connectionString: target.connectionString,
      connectionTimeoutMillis: timeoutMs,
    });
    try {
      await client.connect();
      await client.query('select 1');
    } finally {
      await client.end().catch(() => undefined);
    }
    return `postgres ${new URL(target.connectionString).host}`;
  });
}

/** PING and ROLE against the configured Redis, its mode and role in the detail (never its password). */
export function checkRedis(config: RedisConfig, url: string, timeoutMs: number): Promise<CheckResult> {
  return timed('redis', async () => {
    const redis = new RedisClient({
      config: {
        ...config,
        connectTimeoutMs: timeoutMs,
        commandTimeoutMs: timeoutMs,
        reconnectMaxMs: timeoutMs,
      },
      url,
      metrics: createMetricsRegistry(),
    });
    try {
      await redis.connect();
      const { mode, role } = await redis.health();
      return `${mode} ${role} ${config.mode === 'single' ? describeRedisUrl(url) : config.keyPrefix}`;
    } finally {
      await redis.close();
    }
  });
}

/** A service's health endpoint: ok only on 200 (`/health/ready` answers 503 when a dependency is down). */
export function checkEndpoint(name: string, url: string, timeoutMs: number): Promise<CheckResult> {
  return timed(name, async () => {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const body = await response.text();
    if (!response.ok) throw new Error(`${url} answered ${response.status} ${body.slice(0, 200)}`);
    return url;
  });
}

export function formatResult(result: CheckResult): string {
  return `${result.ok ? 'ok  ' : 'FAIL'} ${result.name.padEnd(20)} ${String(result.latencyMs).padStart(5)} ms  ${result.detail}`;
}
