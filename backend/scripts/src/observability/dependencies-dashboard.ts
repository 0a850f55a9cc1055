import type { DashboardSpec } from './grafana.js';

const SELECTED = 'service=~"$service"';
const BY_PROCESS = '{{service}} {{instance}}';

/** What the services depend on: the database pool, Redis, the caches, breakers and upstreams. */
export const dependenciesDashboard: DashboardSpec = {
  slug: 'dependencies',
  title: 'Know Foolery: dependencies',
  description: 'The database pool, Redis, the caches, circuit breakers and the gateway’s upstream calls.',
  filtersByService: true,
  sections: [
    {
      title: 'Database',
      panels: [
        {
          title: 'Database up',
          description: 'Each process’s database check (1 up, 0 down).',
          kind: 'stat',
          unit: 'short',
          queries: [{ expr: `dependency_up{${SELECTED}, dependency="database"}`, legend: BY_PROCESS }],
        },
        {
          title: 'Pool connections by state',
          description: 'PostgreSQL pool connections: total, idle, and queries waiting for one.',
          unit: 'short',
          queries: [
            {
              expr: `sum by (service, state) (db_pool_connections{${SELECTED}})`,
              legend: '{{service}} {{state}}',
            },
          ],
        },
        {
          title: 'Pool use of its maximum',
          description:
            'Open connections over the pool’s maximum; the DatabasePoolNearlyFull alert fires above 90%.',
          unit: 'percentunit',
          queries: [
            {
              expr: `db_pool_connections{${SELECTED}, state="total"} / ignoring (state) db_pool_max_connections{${SELECTED}}`,
              legend: BY_PROCESS,
            },
          ],
        },
      ],
    },
    {
      title: 'Redis',
      panels: [
        {
          title: 'Redis up',
          description: 'Each process’s Redis check (1 up, 0 down).',
          kind: 'stat',
          unit: 'short',
          queries: [{ expr: `dependency_up{${SELECTED}, dependency="redis"}`, legend: BY_PROCESS }],
        },
        {
          title: 'Redis connections',
          description: 'Whether each connection is ready for commands (1) or not (0).',
          unit: 'short',
          queries: [
            {
              expr: `redis_client_connected{${SELECTED}}`,
              legend: '{{service}} {{instance}} {{connection}}',
            },
          ],
        },
        {
          title: 'Redis breaker state',
          description: '0 closed, 1 half-open, 2 open, 3 isolated.',
          unit: 'short',
          queries: [{ expr: `redis_client_breaker_state{${SELECTED}}`, legend: BY_PROCESS }],
        },
        {
          title: 'Redis commands',
          description: 'Commands issued a second, by command.',
          unit: 'ops',
          queries: [
            {
              expr: `sum by (command) (rate(redis_client_commands_total{${SELECTED}}[$__rate_interval]))`,
              legend: '{{command}}',
            },
          ],
        },
        {
          title: 'Redis command failures',
          description:
            'Failed commands a second: unavailable (server, connection, open breaker) or rejected.',
          unit: 'ops',
          queries: [
            {
              expr: `sum by (service, reason) (rate(redis_client_command_failures_total{${SELECTED}}[$__rate_interval]))`,
              legend: '{{service}} {{reason}}',
            },
          ],
        },
        {
          title: 'Redis command p99',
          description: 'The 99th percentile of the time from issuing a command to its answer.',
          unit: 's',
          queries: [
            {
              expr: `histogram_quantile(0.99, sum by (command, le) (rate(redis_client_command_duration_seconds_bucket{${SELECTED}}[$__rate_interval])))`,
              legend: '{{command}}',
            },
          ],
        },
      ],
    },
    {
      title: 'Caches',
      panels: [
        {
          title: 'Cache hit ratio',
          description: 'Hits over lookups, by cache and level (l1 in-process, l2 Redis).',
          unit: 'percentunit',
          queries: [
            {
              expr:
                `sum by (cache, level) (rate(cache_lookups_total{${SELECTED}, result="hit"}[$__rate_interval]))` +
                ` / sum by (cache, level) (rate(cache_lookups_total{${SELECTED}}[$__rate_interval]))`,
              legend: '{{cache}} {{level}}',
            },
          ],
        },
        {
          title: 'Cache loads',
          description: 'Loader calls (the database behind the cache) a second, by result.',
          unit: 'ops',
          queries: [
            {
              expr: `sum by (cache, result) (rate(cache_loads_total{${SELECTED}}[$__rate_interval]))`,
              legend: '{{cache}} {{result}}',
            },
          ],
        },
        {
          title: 'Cache load p99',
          description: 'The 99th percentile of loader call durations.',
          unit: 's',
          queries: [
            {
              expr: `histogram_quantile(0.99, sum by (cache, le) (rate(cache_load_duration_seconds_bucket{${SELECTED}}[$__rate_interval])))`,
              legend: '{{cache}}',
            },
          ],
        },
        {
          title: 'Stale values served',
          description: 'Values served past their TTL, within the grace period, a second.',
          unit: 'ops',
          queries: [
            {
              expr: `sum by (cache) (rate(cache_stale_served_total{${SELECTED}}[$__rate_interval]))`,
              legend: '{{cache}}',
            },
          ],
        },
        {
          title: 'Cache invalidations',
          description:
            'Tags and keys invalidated a second, by origin (this instance, or another through the bus).',
          unit: 'ops',
          queries: [
            {
              expr: `sum by (cache, origin) (rate(cache_invalidations_total{${SELECTED}}[$__rate_interval]))`,
              legend: '{{cache}} {{origin}}',
            },
          ],
        },
        {
          title: 'Cache errors',
          description: 'Cache failures a second that fell back to the loader or to memory, by operation.',
          unit: 'ops',
          queries: [
            {
              expr: `sum by (cache, operation) (rate(cache_errors_total{${SELECTED}}[$__rate_interval]))`,
              legend: '{{cache}} {{operation}}',
            },
          ],
        },
      ],
    },
    {
      title: 'Calls between services',
      panels: [
        {
          title: 'Circuit breakers',
          description: 'Each caller’s breaker per downstream: 0 closed, 1 half-open, 2 open.',
          unit: 'short',
          queries: [
            {
              expr: `max by (service, circuit) (circuit_breaker_state{${SELECTED}})`,
              legend: '{{service}} → {{circuit}}',
            },
          ],
        },
        {
          title: 'Gateway upstream p99',
          description: 'The 99th percentile of the gateway’s calls to each upstream service.',
          unit: 's',
          queries: [
            {
              expr: 'histogram_quantile(0.99, sum by (upstream, le) (rate(gateway_upstream_request_duration_seconds_bucket[$__rate_interval])))',
              legend: '{{upstream}}',
            },
          ],
        },
        {
          title: 'Gateway upstream answers by status code',
          description: 'The gateway’s calls a second, by upstream and status code.',
          unit: 'reqps',
          queries: [
            {
              expr: 'sum by (upstream, status_code) (rate(gateway_upstream_request_duration_seconds_count[$__rate_interval]))',
              legend: '{{upstream}} {{status_code}}',
            },
          ],
        },
      ],
    },
  ],
};
