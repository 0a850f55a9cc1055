import { defineConfig } from 'vitest/config';
import modules from './stryker.modules.json' with { type: 'json' };
import base from './vitest.config.js';

/**
 * The fast tier: the pure domain (game rules and judging, leaderboard periods), which needs no database
 * and no network, so no PostgreSQL is looked for. These are the modules CI mutation-tests on every run.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: Object.values(modules).flatMap((module) => (module.tier === 'ci' ? module.tests : [])),
    globalSetup: [],
  },
});
