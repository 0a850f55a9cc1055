import { renderedDashboards } from './dashboards.js';
import { QUERY_VARIABLES } from './grafana.js';

/** One query of a dashboard panel, named for a failing assertion: `game.json: Hints A`. */
export interface PanelQuery {
  readonly where: string;
  readonly expr: string;
}

/** A panel query as Prometheus sees it once Grafana has put in its variables. */
export function withVariables(expr: string): string {
  return Object.entries(QUERY_VARIABLES).reduce(
    (query, [variable, value]) => query.replaceAll(variable, value),
    expr,
  );
}

/** Every panel query of every dashboard the generator renders, variables not yet filled in. */
export function dashboardQueries(): PanelQuery[] {
  return [...renderedDashboards()].flatMap(([file, dashboard]) =>
    dashboard.panels.flatMap((panel) =>
      (panel.targets ?? []).map((target) => ({
        where: `${file}: ${panel.title} ${target.refId}`,
        expr: target.expr,
      })),
    ),
  );
}
