import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseDialect, recordPoolMetrics } from '../src/database/index.js';
import { createMetricsRegistry } from '../src/observability/index.js';
import { createTestDatabase, type TestDatabase, testDialects } from '../src/testing/index.js';

const NO_MIGRATIONS = { historyTable: 'pool_probe_migrations', migrations: [] };

/** A fresh database of the dialect for the describe block it is called in. */
function testDatabase(dialect: DatabaseDialect): () => TestDatabase<unknown> {
  let database: TestDatabase<unknown> | undefined;
  beforeAll(async () => {
    database = await createTestDatabase<unknown>(dialect, NO_MIGRATIONS);
  });
  afterAll(() => database?.dispose());
  return () => {
    if (database === undefined) throw new Error('the database is created before the tests');
    return database;
  };
}

// PostgreSQL only where the run has one (always under CI=true): SQLite has no pool to watch.
describe.each(testDialects().filter((dialect) => dialect === 'postgres'))(
  'database pool gauges (%s)',
  (dialect) => {
    const opened = testDatabase(dialect);

    it('reads the pool’s connections when scraped', async () => {
      const database = opened();
      const registry = createMetricsRegistry({ service: 'probe-service' });
      recordPoolMetrics(registry, database);
      // Three queries at once hold three connections, then leave them idle in the pool.
      await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(database.db)));
      const text = await registry.metrics();
      expect(text).toContain('db_pool_connections{state="total",service="probe-service"} 3');
      expect(text).toContain('db_pool_connections{state="idle",service="probe-service"} 3');
      expect(text).toContain('db_pool_connections{state="waiting",service="probe-service"} 0');
      expect(text).toContain('db_pool_max_connections{service="probe-service"} 5');

      // Six queries on a pool of five: one waits for a connection while the others run.
      const running = Promise.all([1, 2, 3, 4, 5, 6].map(() => sql`select pg_sleep(1)`.execute(database.db)));
      let busy = '';
      for (
        let round = 0;
        round < 50 && !busy.includes('state="idle",service="probe-service"} 0');
        round += 1
      ) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        busy = await registry.metrics();
      }
      expect(busy).toContain('db_pool_connections{state="total",service="probe-service"} 5');
      expect(busy).toContain('db_pool_connections{state="idle",service="probe-service"} 0');
      expect(busy).toContain('db_pool_connections{state="waiting",service="probe-service"} 1');
      await running;
    });
  },
);

describe('database pool gauges (sqlite)', () => {
  const opened = testDatabase('sqlite');

  it('registers nothing for SQLite, which has no pool', async () => {
    const database = opened();
    const registry = createMetricsRegistry();
    recordPoolMetrics(registry, database);
    expect(database.poolUsage()).toBeUndefined();
    expect(await registry.getMetricsAsJSON()).toEqual([]);
  });
});
