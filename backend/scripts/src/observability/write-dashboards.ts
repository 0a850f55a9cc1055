import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { DASHBOARDS_DIRECTORY, renderedDashboards } from './dashboards.js';

const require = createRequire(import.meta.url);

/**
 * `node backend/scripts/dist/observability/write-dashboards.js`: renders the dashboards into
 * infrastructure/grafana/dashboards/, removing any JSON file no dashboard renders any more, and formats
 * them as the linter wants them (Biome puts short arrays on one line where JSON.stringify does not).
 */
function main(): void {
  const dashboards = renderedDashboards();
  for (const name of readdirSync(DASHBOARDS_DIRECTORY)) {
    if (name.endsWith('.json') && !dashboards.has(name)) rmSync(join(DASHBOARDS_DIRECTORY, name));
  }
  const paths = [...dashboards].map(([name, dashboard]) => {
    const path = join(DASHBOARDS_DIRECTORY, name);
    writeFileSync(path, `${JSON.stringify(dashboard, null, 2)}\n`);
    return path;
  });
  execFileSync(
    process.execPath,
    [require.resolve('@biomejs/biome/bin/biome'), 'format', '--write', ...paths],
    {
      stdio: 'inherit',
    },
  );
  process.stdout.write(`wrote ${dashboards.size} dashboards to ${DASHBOARDS_DIRECTORY}\n`);
}

main();
