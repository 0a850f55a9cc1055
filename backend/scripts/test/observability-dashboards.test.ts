import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPrometheusTools, RunningPrometheus } from '@know-foolery/shared/testing';
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { withVariables } from '../src/observability/dashboard-queries.js';
import { DASHBOARDS_DIRECTORY, renderedDashboards } from '../src/observability/dashboards.js';
import { PROMETHEUS_DATASOURCE } from '../src/observability/grafana.js';
import { isPlatformSeries, selectedSeries } from '../src/observability/platform-metrics.js';

const PROVISIONING_DIRECTORY = fileURLToPath(
  new URL('../../../infrastructure/grafana/provisioning/', import.meta.url),
);

const Datasource = Type.Object({ type: Type.String(), uid: Type.String() });
const Dashboard = Type.Object({
  uid: Type.String(),
  title: Type.String(),
  panels: Type.Array(
    Type.Object({
      id: Type.Number(),
      type: Type.String(),
      title: Type.String(),
      gridPos: Type.Object({ x: Type.Number(), y: Type.Number(), w: Type.Number(), h: Type.Number() }),
      datasource: Type.Optional(Datasource),
      targets: Type.Optional(
        Type.Array(Type.Object({ refId: Type.String(), datasource: Datasource, expr: Type.String() })),
      ),
    }),
  ),
});
const DatasourceProvisioning = Type.Object({
  datasources: Type.Array(Type.Object({ uid: Type.String(), type: Type.String(), url: Type.String() })),
});
const DashboardProvisioning = Type.Object({
  providers: Type.Array(Type.Object({ type: Type.String(), options: Type.Object({ path: Type.String() }) })),
});

type Dashboard = Static<typeof Dashboard>;

function readJson(name: string): unknown {
  return JSON.parse(readFileSync(join(DASHBOARDS_DIRECTORY, name), 'utf8'));
}

function readDashboard(name: string): Dashboard {
  const document = readJson(name);
  Value.Assert(Dashboard, document);
  return document;
}

const files = readdirSync(DASHBOARDS_DIRECTORY).filter((name) => name.endsWith('.json'));
const dashboards = files.map((file) => ({ file, dashboard: readDashboard(file) }));
const queries = dashboards.flatMap(({ file, dashboard }) =>
  dashboard.panels.flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({ where: `${file}: ${panel.title} ${target.refId}`, ...target })),
  ),
);

function overlaps(a: Dashboard['panels'][number], b: Dashboard['panels'][number]): boolean {
  const { gridPos: p } = a;
  const { gridPos: q } = b;
  return p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h;
}

describe('the Grafana dashboards', () => {
  it('are the four the platform needs, as the generator renders them', () => {
    const expected = ['dependencies.json', 'game.json', 'platform-overview.json', 'sign-in.json'];
    const rendered = renderedDashboards();
    expect([...files].sort()).toEqual(expected);
    expect([...rendered.keys()].sort()).toEqual(expected);
    for (const [file, dashboard] of rendered) {
      expect(
        readJson(file),
        `${file} is out of date: run node backend/scripts/dist/observability/write-dashboards.js`,
      ).toEqual(dashboard);
    }
  });

  it('use no variable Prometheus would not be given a value for', () => {
    for (const { where, expr } of queries) expect(withVariables(expr), where).not.toContain('$');
  });

  it('query only series the platform exports', () => {
    for (const { where, expr } of queries) {
      expect(
        selectedSeries(expr).filter((name) => !isPlatformSeries(name)),
        where,
      ).toEqual([]);
    }
  });

  it('have unique uids', () => {
    const uids = dashboards.map(({ dashboard }) => dashboard.uid);
    expect(new Set(uids).size).toBe(uids.length);
  });

  it.each(dashboards)('$file: every panel has the provisioned datasource and a query', ({ dashboard }) => {
    const panels = dashboard.panels.filter((panel) => panel.type !== 'row');
    expect(panels.length).toBeGreaterThan(0);
    for (const panel of panels) {
      expect(panel.datasource, panel.title).toEqual(PROMETHEUS_DATASOURCE);
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        expect(target.datasource, panel.title).toEqual(PROMETHEUS_DATASOURCE);
        expect(target.expr, panel.title).toMatch(/\S/);
      }
    }
  });

  it.each(dashboards)('$file: panels have unique ids and never overlap in the grid', ({ dashboard }) => {
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    dashboard.panels.forEach((panel, index) => {
      expect(panel.gridPos.x + panel.gridPos.w, panel.title).toBeLessThanOrEqual(24);
      for (const other of dashboard.panels.slice(index + 1))
        expect(overlaps(panel, other), `${panel.title} / ${other.title}`).toBe(false);
    });
  });

  it('are provisioned with the datasource they name, from a folder of files', () => {
    const datasources: unknown = parse(
      readFileSync(join(PROVISIONING_DIRECTORY, 'datasources/prometheus.yml'), 'utf8'),
    );
    Value.Assert(DatasourceProvisioning, datasources);
    expect(datasources.datasources).toEqual([
      expect.objectContaining({ uid: PROMETHEUS_DATASOURCE.uid, type: PROMETHEUS_DATASOURCE.type }),
    ]);
    const providers: unknown = parse(
      readFileSync(join(PROVISIONING_DIRECTORY, 'dashboards/dashboards.yml'), 'utf8'),
    );
    Value.Assert(DashboardProvisioning, providers);
    expect(providers.providers).toEqual([
      expect.objectContaining({
        type: 'file',
        options: expect.objectContaining({ path: expect.any(String) }),
      }),
    ]);
  });
});

const tools = findPrometheusTools();

if (tools !== null) {
  describe('the dashboard queries in Prometheus', () => {
    let prometheus: RunningPrometheus;

    beforeAll(async () => {
      prometheus = await RunningPrometheus.start(tools);
    });

    afterAll(async () => {
      await prometheus.stop();
    });

    it.each(queries)('$where parses', async ({ expr }) => {
      expect(await prometheus.query(withVariables(expr))).toMatchObject({ status: 'success' });
    });
  });
}
