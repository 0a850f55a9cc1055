import { fileURLToPath } from 'node:url';
import { dependenciesDashboard } from './dependencies-dashboard.js';
import { gameDashboard } from './game-dashboard.js';
import { type DashboardSpec, renderDashboard } from './grafana.js';
import { platformDashboard } from './platform-dashboard.js';
import { signInDashboard } from './sign-in-dashboard.js';

/** `infrastructure/grafana/dashboards/`, from src/observability or dist/observability alike. */
export const DASHBOARDS_DIRECTORY = fileURLToPath(
  new URL('../../../../infrastructure/grafana/dashboards/', import.meta.url),
);

export const DASHBOARDS: readonly DashboardSpec[] = [
  platformDashboard,
  gameDashboard,
  dependenciesDashboard,
  signInDashboard,
];

export type GrafanaDashboard = ReturnType<typeof renderDashboard>;

/** The dashboards by file name in `infrastructure/grafana/dashboards/`: what `write-dashboards` writes there. */
export function renderedDashboards(): ReadonlyMap<string, GrafanaDashboard> {
  return new Map(DASHBOARDS.map((spec) => [`${spec.slug}.json`, renderDashboard(spec)]));
}
