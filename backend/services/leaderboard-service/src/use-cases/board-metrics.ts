import type { MetricsRegistry } from '@know-foolery/shared/observability';
import { Counter } from 'prom-client';
import type { Period } from '../domain/period.js';

/** Where a board read was answered from. */
export type ReadSource = 'redis' | 'rebuilt' | 'database';

/** The cached boards' metrics, labelled by period (never by week: the label set stays bounded). */
export class BoardMetrics {
  readonly reads: Counter<'period' | 'source'>;
  readonly rebuilds: Counter<'period'>;
  readonly writeFailures: Counter<'period'>;

  constructor(registry: MetricsRegistry) {
    const registers = [registry];
    this.reads = new Counter({
      name: 'leaderboard_board_reads_total',
      help: 'Board reads by where they were answered: redis, redis after a rebuild, or the database',
      labelNames: ['period', 'source'],
      registers,
    });
    this.rebuilds = new Counter({
      name: 'leaderboard_board_rebuilds_total',
      help: 'Boards rebuilt in Redis from the database (on start, or after Redis lost them)',
      labelNames: ['period'],
      registers,
    });
    this.writeFailures = new Counter({
      name: 'leaderboard_board_write_failures_total',
      help: 'Recorded scores Redis could not take: their board is rebuilt before it is trusted again',
      labelNames: ['period'],
      registers,
    });
  }

  read(period: Period, source: ReadSource): void {
    this.reads.inc({ period, source });
  }
}
