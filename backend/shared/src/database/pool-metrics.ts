import { Gauge, type Registry } from 'prom-client';
import type { PoolUsage } from './connection.js';

/**
 * The database pool's connections, read when Prometheus scrapes: PostgreSQL only (SQLite has one
 * connection and no pool, so nothing is registered for it).
 */
export function recordPoolMetrics(
  registry: Registry,
  database: { poolUsage(): PoolUsage | undefined },
): void {
  if (database.poolUsage() === undefined) return;
  const registers = [registry];
  new Gauge({
    name: 'db_pool_connections',
    help: 'Database pool connections: total open, idle, and queries waiting for one',
    labelNames: ['state'],
    registers,
    collect() {
      const usage = database.poolUsage();
      if (usage === undefined) return;
      this.set({ state: 'total' }, usage.total);
      this.set({ state: 'idle' }, usage.idle);
      this.set({ state: 'waiting' }, usage.waiting);
    },
  });
  new Gauge({
    name: 'db_pool_max_connections',
    help: 'The most connections the database pool opens (DB_POOL_MAX)',
    registers,
    collect() {
      this.set(database.poolUsage()?.max ?? 0);
    },
  });
}
