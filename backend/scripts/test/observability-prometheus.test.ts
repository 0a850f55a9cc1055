import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { SERVICE_NAMES, SERVICE_PORTS } from '@know-foolery/shared/config';
import { createMetricsRegistry } from '@know-foolery/shared/observability';
import {
  findPrometheusTools,
  RunningPrometheus,
  runPrometheusTool,
  waitFor,
} from '@know-foolery/shared/testing';
import { Counter, Gauge, Histogram } from 'prom-client';
import { Type } from 'typebox';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const CONFIG_FILE = fileURLToPath(
  new URL('../../../infrastructure/prometheus/prometheus.yml', import.meta.url),
);
/** Every service serves its metrics on its own port plus this. */
const METRICS_PORT_OFFSET = 6000;

const PrometheusConfig = Type.Object({
  scrape_configs: Type.Array(
    Type.Object({
      job_name: Type.String(),
      honor_labels: Type.Optional(Type.Boolean()),
      static_configs: Type.Array(
        Type.Object({
          targets: Type.Array(Type.String()),
          labels: Type.Optional(Type.Record(Type.String(), Type.String())),
        }),
      ),
    }),
  ),
});

describe('the Prometheus configuration', () => {
  it('scrapes every service on its metrics port, labelled with its name', () => {
    const config: unknown = parse(readFileSync(CONFIG_FILE, 'utf8'));
    Value.Assert(PrometheusConfig, config);
    const job = config.scrape_configs.find((scrape) => scrape.job_name === 'know-foolery');
    expect(job?.honor_labels).toBe(true);
    const targets = job?.static_configs.map((entry) => ({ targets: entry.targets, labels: entry.labels }));
    expect(targets).toEqual(
      SERVICE_NAMES.map((name) => ({
        targets: [`${name}-service:${SERVICE_PORTS[name] + METRICS_PORT_OFFSET}`],
        labels: { service: `${name}-service` },
      })),
    );
  });
});

/** A process's /metrics as the services will serve it: prom-client, every series labelled with the service. */
async function startExporter(): Promise<{ server: Server; target: string }> {
  const registry = createMetricsRegistry({ service: 'game-service' });
  const registers = [registry];
  new Counter({ name: 'games_started_total', help: 'Games started', registers }).inc(3);
  new Gauge({ name: 'circuit_breaker_state', help: 'Breaker state', labelNames: ['circuit'], registers })
    .labels('question-service')
    .set(2);
  new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Request durations',
    labelNames: ['method', 'route', 'status_code'],
    registers,
  })
    .labels('POST', '/api/v1/games', '201')
    .observe(0.02);
  const server = createServer((request, response) => {
    if (request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    registry
      .metrics()
      .then((text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text))
      .catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, target: `127.0.0.1:${port}` };
}

const tools = findPrometheusTools();

if (tools !== null) {
  describe('a real Prometheus', () => {
    let exporter: { server: Server; target: string };
    let prometheus: RunningPrometheus;

    beforeAll(async () => {
      exporter = await startExporter();
      prometheus = await RunningPrometheus.start(tools, { scrapeTargets: [exporter.target] });
    });

    afterAll(async () => {
      await prometheus?.stop();
      await new Promise((resolve) => exporter?.server.close(resolve));
    });

    it('accepts the configuration and its rule files (promtool check config)', async () => {
      const result = await runPrometheusTool(tools.promtool, ['check', 'config', CONFIG_FILE]);
      expect(result.output).not.toMatch(/FAILED/);
      expect(result.exitCode).toBe(0);
    });

    it('refuses a malformed expression, so the parse checks have teeth', async () => {
      expect(await prometheus.query('sum by (service) (rate(games_started_total[5m])')).toMatchObject({
        status: 'error',
        errorType: 'bad_data',
      });
    });

    it('scrapes a prom-client exporter and answers queries over its series', async () => {
      await waitFor('the first scrape', async () => {
        const answer = await prometheus.query('games_started_total{service="game-service"}');
        return answer.status === 'success' && answer.result.length === 1;
      });
      const up = await prometheus.query(`up{job="know-foolery", instance="${exporter.target}"}`);
      expect(up).toMatchObject({ status: 'success', result: [{ value: [expect.any(Number), '1'] }] });
      const open = await prometheus.query('circuit_breaker_state == 2');
      expect(open).toMatchObject({
        status: 'success',
        result: [{ metric: { circuit: 'question-service', service: 'game-service' } }],
      });
      const requests = await prometheus.query('sum by (route) (http_server_request_duration_seconds_count)');
      expect(requests).toMatchObject({
        status: 'success',
        result: [{ metric: { route: '/api/v1/games' }, value: [expect.any(Number), '1'] }],
      });
    });
  });
}
