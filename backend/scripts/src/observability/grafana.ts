/**
 * Grafana dashboards as code: a dashboard is written as sections of panels, each panel a few PromQL
 * queries, and rendered here into Grafana's JSON model with the layout, datasource and ids filled in.
 */

/** The datasource `infrastructure/grafana/provisioning/datasources/prometheus.yml` provisions. */
export const PROMETHEUS_DATASOURCE = { type: 'prometheus', uid: 'prometheus' } as const;

/**
 * The dashboard variables the queries may use: Grafana's own interval and range, and `$service` on the
 * dashboards that filter by service. A query must parse in Prometheus once they are replaced.
 */
export const QUERY_VARIABLES = {
  $__rate_interval: '1m',
  $__range: '1h',
  $service: '.*',
} as const;

export interface Query {
  readonly expr: string;
  /** Grafana's legend template (`{{service}}`). */
  readonly legend: string;
}

export interface PanelSpec {
  readonly title: string;
  readonly description: string;
  /** A Grafana unit id: `reqps`, `s`, `bytes`, `percentunit`, `opm`, `short`. */
  readonly unit: string;
  readonly queries: readonly Query[];
  /** A stat shows the latest value; a time series (the default) the history. */
  readonly kind?: 'timeseries' | 'stat';
}

export interface SectionSpec {
  readonly title: string;
  readonly panels: readonly PanelSpec[];
}

export interface DashboardSpec {
  /** The file name and the end of the uid. */
  readonly slug: string;
  readonly title: string;
  readonly description: string;
  /** Adds the `$service` variable (every service of the `know-foolery` job). */
  readonly filtersByService: boolean;
  readonly sections: readonly SectionSpec[];
}

interface GridPosition {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface GrafanaTarget {
  readonly refId: string;
  readonly datasource: typeof PROMETHEUS_DATASOURCE;
  readonly expr: string;
  readonly legendFormat: string;
}

export interface GrafanaPanel {
  readonly id: number;
  readonly type: 'row' | 'timeseries' | 'stat';
  readonly title: string;
  readonly gridPos: GridPosition;
  readonly description?: string;
  readonly datasource?: typeof PROMETHEUS_DATASOURCE;
  readonly targets?: readonly GrafanaTarget[];
  readonly fieldConfig?: { readonly defaults: { readonly unit: string }; readonly overrides: readonly [] };
  readonly collapsed?: boolean;
  readonly panels?: readonly [];
}

const GRID_WIDTH = 24;
const PANEL_WIDTH = 12;
const PANEL_HEIGHT = 8;
const STAT_WIDTH = 6;
const STAT_HEIGHT = 4;
const ROW_HEIGHT = 1;

function serviceVariable() {
  return {
    name: 'service',
    label: 'Service',
    type: 'query',
    datasource: PROMETHEUS_DATASOURCE,
    query: { query: 'label_values(up{job="know-foolery"}, service)', refId: 'service' },
    definition: 'label_values(up{job="know-foolery"}, service)',
    refresh: 2,
    multi: true,
    includeAll: true,
    allValue: '.*',
    current: { text: 'All', value: '$__all' },
    sort: 1,
  };
}

/** Lays the sections out top to bottom, each a row, its panels left to right in Grafana's 24-column grid. */
function layOut(sections: readonly SectionSpec[]): GrafanaPanel[] {
  const panels: GrafanaPanel[] = [];
  let y = 0;
  for (const section of sections) {
    panels.push({
      id: panels.length + 1,
      type: 'row',
      title: section.title,
      gridPos: { x: 0, y, w: GRID_WIDTH, h: ROW_HEIGHT },
      collapsed: false,
      panels: [],
    });
    y += ROW_HEIGHT;
    let x = 0;
    let lineHeight = 0;
    for (const panel of section.panels) {
      const kind = panel.kind ?? 'timeseries';
      const w = kind === 'stat' ? STAT_WIDTH : PANEL_WIDTH;
      const h = kind === 'stat' ? STAT_HEIGHT : PANEL_HEIGHT;
      if (x + w > GRID_WIDTH) {
        x = 0;
        y += lineHeight;
        lineHeight = 0;
      }
      panels.push({
        id: panels.length + 1,
        type: kind,
        title: panel.title,
        description: panel.description,
        gridPos: { x, y, w, h },
        datasource: PROMETHEUS_DATASOURCE,
        targets: panel.queries.map((query, index) => ({
          refId: String.fromCharCode(65 + index),
          datasource: PROMETHEUS_DATASOURCE,
          expr: query.expr,
          legendFormat: query.legend,
        })),
        fieldConfig: { defaults: { unit: panel.unit }, overrides: [] },
      });
      x += w;
      lineHeight = Math.max(lineHeight, h);
    }
    y += lineHeight;
  }
  return panels;
}

/** Grafana's JSON model of the dashboard, as the provisioning loads it. */
export function renderDashboard(spec: DashboardSpec) {
  return {
    uid: `know-foolery-${spec.slug}`,
    title: spec.title,
    description: spec.description,
    tags: ['know-foolery'],
    timezone: 'utc',
    editable: false,
    graphTooltip: 1,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    schemaVersion: 39,
    version: 1,
    templating: { list: spec.filtersByService ? [serviceVariable()] : [] },
    annotations: { list: [] },
    links: [],
    panels: layOut(spec.sections),
  };
}
