import type { DashboardSpec } from './grafana.js';

const HTTP = 'http_server_request_duration_seconds';
const SELECTED = 'service=~"$service"';

/** RED per service and route, and each process's runtime. */
export const platformDashboard: DashboardSpec = {
  slug: 'platform-overview',
  title: 'Know Foolery: platform overview',
  description: 'Requests, errors and durations per service and route; the Node.js runtime of every process.',
  filtersByService: true,
  sections: [
    {
      title: 'Services',
      panels: [
        {
          title: 'Targets up',
          description: 'Whether Prometheus scrapes each process (1 up, 0 down).',
          kind: 'stat',
          unit: 'short',
          queries: [{ expr: `up{job="know-foolery", ${SELECTED}}`, legend: '{{service}}' }],
        },
        {
          title: 'Requests by service',
          description: 'Requests answered a second.',
          unit: 'reqps',
          queries: [
            {
              expr: `sum by (service) (rate(${HTTP}_count{${SELECTED}}[$__rate_interval]))`,
              legend: '{{service}}',
            },
          ],
        },
        {
          title: '5xx share by service',
          description: 'The share of answers that were 5xx; the ServiceHighErrorRatio alert fires above 5%.',
          unit: 'percentunit',
          queries: [
            {
              expr:
                `sum by (service) (rate(${HTTP}_count{${SELECTED}, status_code=~"5.."}[$__rate_interval]))` +
                ` / sum by (service) (rate(${HTTP}_count{${SELECTED}}[$__rate_interval]))`,
              legend: '{{service}}',
            },
          ],
        },
        {
          title: 'p99 duration by service',
          description:
            'The 99th percentile of request durations; the ServiceHighLatency alert fires above 1 s.',
          unit: 's',
          queries: [
            {
              expr: `histogram_quantile(0.99, sum by (service, le) (rate(${HTTP}_bucket{${SELECTED}}[$__rate_interval])))`,
              legend: '{{service}}',
            },
          ],
        },
        {
          title: 'Answers by status code',
          description: 'Answers a second, by service and status code.',
          unit: 'reqps',
          queries: [
            {
              expr: `sum by (service, status_code) (rate(${HTTP}_count{${SELECTED}}[$__rate_interval]))`,
              legend: '{{service}} {{status_code}}',
            },
          ],
        },
      ],
    },
    {
      title: 'Routes',
      panels: [
        {
          title: 'Requests by route',
          description: 'Requests a second, by route template.',
          unit: 'reqps',
          queries: [
            {
              expr: `sum by (service, method, route) (rate(${HTTP}_count{${SELECTED}}[$__rate_interval]))`,
              legend: '{{service}} {{method}} {{route}}',
            },
          ],
        },
        {
          title: '5xx by route',
          description: 'Answers a second that were 5xx, by route template.',
          unit: 'reqps',
          queries: [
            {
              expr: `sum by (service, method, route) (rate(${HTTP}_count{${SELECTED}, status_code=~"5.."}[$__rate_interval]))`,
              legend: '{{service}} {{method}} {{route}}',
            },
          ],
        },
        {
          title: 'p99 duration by route',
          description: 'The 99th percentile of request durations, by route template.',
          unit: 's',
          queries: [
            {
              expr: `histogram_quantile(0.99, sum by (service, method, route, le) (rate(${HTTP}_bucket{${SELECTED}}[$__rate_interval])))`,
              legend: '{{service}} {{method}} {{route}}',
            },
          ],
        },
        {
          title: 'p50 duration by route',
          description: 'The median request duration, by route template.',
          unit: 's',
          queries: [
            {
              expr: `histogram_quantile(0.5, sum by (service, method, route, le) (rate(${HTTP}_bucket{${SELECTED}}[$__rate_interval])))`,
              legend: '{{service}} {{method}} {{route}}',
            },
          ],
        },
      ],
    },
    {
      title: 'Runtime',
      panels: [
        {
          title: 'CPU',
          description: 'CPU time a second of each process (1 is one core).',
          unit: 'percentunit',
          queries: [
            {
              expr: `rate(process_cpu_seconds_total{${SELECTED}}[$__rate_interval])`,
              legend: '{{service}} {{instance}}',
            },
          ],
        },
        {
          title: 'Resident memory',
          description: 'Resident set size of each process.',
          unit: 'bytes',
          queries: [
            { expr: `process_resident_memory_bytes{${SELECTED}}`, legend: '{{service}} {{instance}}' },
          ],
        },
        {
          title: 'Event loop lag p99',
          description: 'How late the event loop ran its callbacks: high when something blocks it.',
          unit: 's',
          queries: [
            { expr: `nodejs_eventloop_lag_p99_seconds{${SELECTED}}`, legend: '{{service}} {{instance}}' },
          ],
        },
        {
          title: 'Heap used',
          description: 'V8 heap in use in each process.',
          unit: 'bytes',
          queries: [{ expr: `nodejs_heap_size_used_bytes{${SELECTED}}`, legend: '{{service}} {{instance}}' }],
        },
      ],
    },
  ],
};
