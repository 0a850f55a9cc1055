import { parseArgs } from 'node:util';
import { gameMigrations } from '@know-foolery/game-service/migrations';
import { leaderboardMigrations } from '@know-foolery/leaderboard-service/migrations';
import { questionMigrations } from '@know-foolery/question-service/migrations';
import {
  ConfigError,
  type DatabaseConfig,
  EnvReader,
  loadEnvironment,
  readDatabaseConfig,
  type ServiceName,
} from '@know-foolery/shared/config';
import {
  describeDatabaseUrl,
  type MigrationSet,
  migrateDown,
  migrateToLatest,
  migrationStatus,
  openDatabase,
} from '@know-foolery/shared/database';
import { errorMessage } from '@know-foolery/shared/utils';
import { userMigrations } from '@know-foolery/user-service/migrations';
import type { Kysely } from 'kysely';

/** The services that own tables, and their migrations. */
const MIGRATIONS: ReadonlyMap<ServiceName, MigrationSet> = new Map([
  ['game', gameMigrations],
  ['question', questionMigrations],
  ['user', userMigrations],
  ['leaderboard', leaderboardMigrations],
]);

const USAGE = `usage: migrate up|down|status [--service ${[...MIGRATIONS.keys()].join(',')}]
  up      apply every pending migration
  down    roll back the latest migration of each service
  status  list each migration, applied or pending`;

type Action = 'up' | 'down' | 'status';

function fail(message: string, code: number): never {
  process.stderr.write(`migrate: ${message}\n`);
  process.exit(code);
}

function parse(argv: readonly string[]): { action: Action; services: ServiceName[] } {
  let parsed: { values: { service?: string | undefined }; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: { service: { type: 'string' } }, allowPositionals: true });
  } catch (error) {
    fail(`${errorMessage(error)}\n${USAGE}`, 2);
  }
  const [action, ...extra] = parsed.positionals;
  if (action !== 'up' && action !== 'down' && action !== 'status')
    fail(`expected up, down or status\n${USAGE}`, 2);
  if (extra.length > 0) fail(`unexpected argument ${extra.join(' ')}\n${USAGE}`, 2);
  const known = [...MIGRATIONS.keys()];
  const names =
    parsed.values.service === undefined ? known : parsed.values.service.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !known.includes(name as ServiceName));
  if (unknown.length > 0) fail(`--service: unknown ${unknown.join(', ')} (known: ${known.join(', ')})`, 2);
  return { action, services: known.filter((name) => names.includes(name)) };
}

async function run(
  action: Action,
  service: ServiceName,
  config: DatabaseConfig,
  set: MigrationSet,
): Promise<void> {
  const database = openDatabase<unknown>(config);
  const db = database.db as Kysely<unknown>;
  try {
    const where = `${service}-service (${describeDatabaseUrl(config.url)})`;
    if (action === 'status') {
      for (const migration of await migrationStatus(db, set)) {
        const state =
          migration.executedAt === undefined ? 'pending' : `applied ${migration.executedAt.toISOString()}`;
        process.stdout.write(`${service.padEnd(12)} ${migration.name.padEnd(32)} ${state}\n`);
      }
      return;
    }
    const changed = action === 'up' ? await migrateToLatest(db, set) : await migrateDown(db, set);
    const verb = action === 'up' ? 'applied' : 'rolled back';
    process.stdout.write(
      `${where}: ${changed.length === 0 ? 'nothing to do' : `${verb} ${changed.join(', ')}`}\n`,
    );
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  const { action, services } = parse(process.argv.slice(2));
  let env: EnvReader;
  try {
    env = new EnvReader(loadEnvironment(process.env));
  } catch (error) {
    fail(error instanceof ConfigError ? error.message : errorMessage(error), 78);
  }
  const configs = services.map((service) => [service, readDatabaseConfig(env, service)] as const);
  try {
    env.done();
  } catch (error) {
    fail(errorMessage(error), 78);
  }
  for (const [service, config] of configs) {
    const set = MIGRATIONS.get(service);
    if (set !== undefined) await run(action, service, config, set);
  }
}

main().catch((error: unknown) =>
  fail(
    `${errorMessage(error)}${error instanceof Error && error.cause ? ` (${errorMessage(error.cause)})` : ''}`,
    1,
  ),
);
