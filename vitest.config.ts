import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript under the "source" condition: tests run the source, not dist.
const conditions = ['source'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: ['backend/**/test/**/*.test.ts', 'bench/test/**/*.test.ts', 'frontend/test/**/*.test.ts'],
    globalSetup: ['backend/shared/src/testing/global-setup.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 120_000,
    coverage: {
      provider: 'v8',
      include: ['backend/**/src/**/*.ts'],
      // Process entry points run in child processes (the smoke, lifecycle and CLI tests start them),
      // where in-process coverage cannot follow.
      exclude: [
        'backend/**/src/main.ts',
        'backend/**/src/cli/**',
        'backend/scripts/src/start.ts',
        'backend/scripts/src/launcher/service-process.ts',
        'backend/scripts/src/migrate.ts',
        'backend/scripts/src/mutate.ts',
        'backend/scripts/src/health-check.ts',
        'backend/scripts/src/token-cli.ts',
        'backend/scripts/src/observability/write-dashboards.ts',
        'backend/scripts/src/zitadel-bootstrap/main.ts',
        'backend/shared/src/observability/tracing/instrument.ts',
        'backend/shared/src/observability/tracing/start-tracing.ts',
        'backend/shared/src/lifecycle/**',
        'backend/shared/src/testing/**',
      ],
      reporter: ['text-summary', 'json-summary'],
      thresholds: { lines: 80, functions: 80, statements: 80, branches: 70 },
    },
  },
});
