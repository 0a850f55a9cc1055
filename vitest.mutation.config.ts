import { readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';
import modules from './stryker.modules.json' with { type: 'json' };
import base from './vitest.config.js';

const WORKSPACE_PACKAGE = /^@know-foolery\/[^/]+/;

/**
 * Stryker runs the tests in a copy of the repository whose node_modules links to the original's, so
 * an import of `@know-foolery/...` would follow the workspace link into the original, unmutated
 * source. npm writes workspace links as relative paths: read from here, each names the copy's own
 * package, which is where this sends the import. Outside a copy both are the same and nothing changes.
 */
function workspaceFromSandbox(): Plugin {
  const nodeModules = fileURLToPath(new URL('node_modules', import.meta.url));
  return {
    name: 'know-foolery-workspace-from-sandbox',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const name = WORKSPACE_PACKAGE.exec(source)?.[0];
      if (name === undefined) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved === null) return null;
      const link = path.join(nodeModules, name);
      const linked = realpathSync(link);
      const own = path.resolve(path.dirname(link), readlinkSync(link));
      if (linked === own || !resolved.id.startsWith(`${linked}${path.sep}`)) return resolved;
      return { ...resolved, id: path.join(own, path.relative(linked, resolved.id)) };
    },
  };
}

/** The tests of the module Stryker mutates (MUTATION_MODULE), or all of them outside a mutation run. */
const moduleTests = Object.entries(modules).find(([name]) => name === process.env.MUTATION_MODULE)?.[1].tests;

export default defineConfig({
  ...base,
  plugins: [workspaceFromSandbox()],
  test: {
    ...base.test,
    include: moduleTests ?? base.test?.include,
    // Instrumented code runs slower than the code it mutates: the data set and size tests need longer.
    testTimeout: 60_000,
  },
});
