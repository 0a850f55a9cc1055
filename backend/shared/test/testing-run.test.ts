import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MigrationSet } from '../src/database/index.js';
import { testAuth } from '../src/testing/index.js';
import {
  newTestRun,
  removeRunDirectory,
  runIdOf,
  sweepDeadRunDirectories,
  templateDatabaseName,
  testDatabaseName,
} from '../src/testing/test-run.js';

const noop = async () => undefined;

function set(historyTable: string, names: string[]): MigrationSet {
  return { historyTable, migrations: names.map((name) => ({ name, up: noop, down: noop })) };
}

describe('test run names', () => {
  const run = { id: 'abcdefgh0123' };

  it('tags every database with the run, so the run can find it again', () => {
    const name = testDatabaseName(run.id);
    expect(name).toMatch(/^kf_test_abcdefgh0123_[0-9a-f]{8}$/);
    expect(runIdOf(name)).toBe(run.id);
    expect(testDatabaseName(run.id)).not.toBe(name);
  });

  it.each([
    ['kf_test_0123456789abcdef0123456789abcdef', null],
    ['someone_elses_database', null],
    ['kf_test_abcdefgh0123_tpl_x_0123456789', 'abcdefgh0123'],
  ])('reads the run of %s as %s', (name, expected) => {
    expect(runIdOf(name)).toBe(expected);
  });

  it('names a template after its history table and migrations, within the 63-character limit', () => {
    const long = set('a_history_table_name_far_longer_than_any_service_would_choose_migrations', ['0001-a']);
    expect(templateDatabaseName(run.id, long).length).toBeLessThanOrEqual(63);
    const base = templateDatabaseName(run.id, set('user_service_migrations', ['0001-a']));
    expect(base).toMatch(/^kf_test_abcdefgh0123_tpl_user_service_migrati_[0-9a-f]{10}$/);
    expect(templateDatabaseName(run.id, set('user_service_migrations', ['0001-a', '0002-b']))).not.toBe(base);
    expect(templateDatabaseName(run.id, set('game_service_migrations', ['0001-a']))).not.toBe(base);
    expect(runIdOf(base)).toBe(run.id);
  });
});

describe('run directories', () => {
  it('are swept once their run has died, and kept while it lives', () => {
    const live = newTestRun();
    const dead = join(tmpdir(), 'kf-test-000000000dea');
    mkdirSync(dead, { recursive: true });
    // The pid of a process that has exited: it cannot be alive any more.
    const exited = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(dead, 'owner.pid'), String(exited));
    try {
      sweepDeadRunDirectories();
      expect(existsSync(dead)).toBe(false);
      expect(existsSync(live.directory)).toBe(true);
    } finally {
      removeRunDirectory(live);
    }
    expect(existsSync(live.directory)).toBe(false);
  });
});

describe('test tokens', () => {
  const auth = testAuth();

  it.each([
    ['playerToken', 'Ann', { id: 'player:Ann', roles: ['player'], name: 'Ann' }],
    ['adminToken', 'Root', { id: 'admin:Root', roles: ['admin'], name: 'Root' }],
  ] as const)('%s issues a verified token for that role', async (helper, name, user) => {
    const header = await auth[helper](name);
    expect(header).toMatch(/^Bearer /);
    expect(await auth.provider.verifyAccessToken(header.slice('Bearer '.length))).toMatchObject(user);
  });
});
