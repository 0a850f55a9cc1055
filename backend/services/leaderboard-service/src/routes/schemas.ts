import { Type } from 'typebox';
import { PERIODS } from '../domain/period.js';

const Instant = Type.String({ format: 'date-time' });
const PeriodName = Type.Union(
  PERIODS.map((period) => Type.Literal(period)),
  { default: 'all' },
);

export const LeaderboardQuery = Type.Object(
  {
    period: PeriodName,
    // At most 100, so one user-service lookup (up to 200 ids) names the whole board.
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  },
  { additionalProperties: false },
);

export const StandingQuery = Type.Object({ period: PeriodName }, { additionalProperties: false });

export const LeaderboardBody = Type.Object({
  period: Type.String(),
  periodStart: Type.Union([Instant, Type.Null()]),
  entries: Type.Array(
    Type.Object({
      rank: Type.Integer(),
      userId: Type.String(),
      displayName: Type.Union([Type.String(), Type.Null()]),
      score: Type.Integer(),
      achievedAt: Instant,
    }),
  ),
});

export const StandingBody = Type.Object({
  period: Type.String(),
  periodStart: Type.Union([Instant, Type.Null()]),
  rank: Type.Union([Type.Integer(), Type.Null()]),
  score: Type.Union([Type.Integer(), Type.Null()]),
  totalPlayers: Type.Integer(),
});
