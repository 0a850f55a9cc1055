import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { cp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installedPostgres, startEmbeddedPostgres } from '../src/testing/embedded-postgres.js';
import { reachable } from '../src/testing/postgres-source.js';

const runningAsRoot = process.getuid?.() === 0;

/**
 * A clone under a `mktemp -d` directory: mode 0700, so only its owner (root, here) may enter it,
 * while PostgreSQL, which refuses to run as root, runs as the `postgres` user.
 */
describe('embedded PostgreSQL from a clone under a directory only its owner may enter', () => {
  const privateParent = mkdtempSync(join(tmpdir(), 'kf-private-'));
  const clonedInstallation = join(privateParent, 'know-foolery', 'node_modules', 'postgres-installation');

  beforeAll(async () => {
    await cp(installedPostgres(), clonedInstallation, { recursive: true, verbatimSymlinks: true });
  });
  afterAll(() => rm(privateParent, { recursive: true, force: true }));

  it('starts from the clone’s binaries, serves queries, and leaves nothing behind when stopped', async () => {
    expect(statSync(privateParent).mode & 0o777).toBe(0o700);
    const parentDirectory = join(inject('testRun').directory, 'embedded-private-clone-test');
    const server = await startEmbeddedPostgres(parentDirectory, { installation: clonedInstallation });
    const client = new pg.Client({ connectionString: server.url });
    try {
      await client.connect();
      const { rows } = await client.query<{ answer: number }>('select 6 * 7 as answer');
      expect(rows).toEqual([{ answer: 42 }]);
    } finally {
      await client.end();
      await server.stop();
    }
    expect(await reachable(server.url)).toBe(false);
    expect(existsSync(join(parentDirectory, 'postgres'))).toBe(false);
  }, 60_000);

  it.runIf(runningAsRoot)(
    'says which directory the postgres user cannot enter when given one, and cleans up',
    async () => {
      const unreachable = join(privateParent, 'run');
      await expect(startEmbeddedPostgres(unreachable, { installation: clonedInstallation })).rejects.toThrow(
        `the postgres user cannot reach initdb at ${join(unreachable, 'postgres')}`,
      );
      expect(existsSync(join(unreachable, 'postgres'))).toBe(false);
    },
    60_000,
  );
});
