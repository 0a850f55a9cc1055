/**
 * The metrics the alert rules and dashboards query, as the services export them: the one list both are
 * checked against, so a misspelt name fails a test instead of leaving an alert that can never fire.
 */
export const PLATFORM_METRICS = {
  // Prometheus itself, per target.
  up: 'gauge',
  // prom-client's default metrics.
  process_cpu_seconds_total: 'counter',
  process_resident_memory_bytes: 'gauge',
  nodejs_eventloop_lag_p99_seconds: 'gauge',
  nodejs_heap_size_used_bytes: 'gauge',
  // HTTP, calls between services, dependencies.
  http_server_request_duration_seconds: 'histogram',
  gateway_upstream_request_duration_seconds: 'histogram',
  circuit_breaker_state: 'gauge',
  dependency_up: 'gauge',
  db_pool_connections: 'gauge',
  db_pool_max_connections: 'gauge',
  // Sign-in and sessions.
  auth_sign_ins_total: 'counter',
  session_token_refreshes_total: 'counter',
  // The game.
  games_started_total: 'counter',
  games_ended_total: 'counter',
  game_answers_total: 'counter',
  game_hints_total: 'counter',
  question_imports_total: 'counter',
  // The Redis client (shared/src/redis/redis-metrics.ts).
  redis_client_commands_total: 'counter',
  redis_client_command_failures_total: 'counter',
  redis_client_command_duration_seconds: 'histogram',
  redis_client_connected: 'gauge',
  redis_client_breaker_state: 'gauge',
  // The caches (shared/src/cache/cache-metrics.ts).
  cache_lookups_total: 'counter',
  cache_loads_total: 'counter',
  cache_load_duration_seconds: 'histogram',
  cache_stale_served_total: 'counter',
  cache_invalidations_total: 'counter',
  cache_errors_total: 'counter',
} as const satisfies Readonly<Record<string, 'counter' | 'gauge' | 'histogram'>>;

const HISTOGRAM_SERIES = ['_bucket', '_count', '_sum'];

/** PromQL words that read like a metric name but are not one. */
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'group_left',
  'group_right',
  'inf',
  'nan',
]);

/**
 * The series names an expression selects: what is left once strings, label matchers, ranges, label
 * lists (`by (...)`, `on (...)`) and function calls are set aside.
 */
export function selectedSeries(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const names = [...bare.matchAll(/(?<![\w:.$])[a-zA-Z_:][\w:]*(?![\w:]|\s*\()/g)].map((match) => match[0]);
  return [...new Set(names.filter((name) => !KEYWORDS.has(name.toLowerCase())))];
}

/** Whether a series name is one of PLATFORM_METRICS (a histogram's `_bucket`, `_count`, `_sum` included). */
export function isPlatformSeries(name: string): boolean {
  return Object.entries(PLATFORM_METRICS).some(([metric, type]) =>
    type === 'histogram' ? HISTOGRAM_SERIES.some((suffix) => name === `${metric}${suffix}`) : name === metric,
  );
}
