import { documented } from '@know-foolery/shared/http-server';
import { Type } from 'typebox';
import { PERIODS } from '../domain/period.js';

const Instant = Type.String({ format: 'date-time' });
const PeriodName = Type.Enum(PERIODS, {
  default: 'all',
  description: 'The period ranked: `all` time, or the current `week` (from Monday 00:00 UTC)',
});

export const LeaderboardQuery = Type.Object(
  {
    period: PeriodName,
    // At most 100, so one user-service lookup (up to 200 ids) names the whole board.
    limit: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 10,
      description: 'How many of the best to list',
    }),
  },
  { additionalProperties: false },
);

export const StandingQuery = Type.Object({ period: PeriodName }, { additionalProperties: false });

export const LeaderboardBody = documented(
  Type.Object({
    period: Type.Enum(PERIODS),
    periodStart: Type.Union([Instant, Type.Null()], { description: 'null for all time' }),
    items: Type.Array(
      Type.Object({
        rank: Type.Integer({ minimum: 1 }),
        userId: Type.String(),
        displayName: Type.Union([Type.String(), Type.Null()], {
          description: 'null when the player has no profile, or user-service could not be asked',
        }),
        score: Type.Integer({ description: "The player's best score of the period" }),
        achievedAt: Instant,
      }),
    ),
  }),
  'The best players of the period, best first',
  [
    {
      period: 'week',
      periodStart: '2026-11-23T00:00:00.000Z',
      items: [
        { rank: 1, userId: 'ann', displayName: 'Ann', score: 9, achievedAt: '2026-11-24T18:02:11.000Z' },
      ],
    },
  ],
);

export const StandingBody = documented(
  Type.Object({
    period: Type.Enum(PERIODS),
    periodStart: Type.Union([Instant, Type.Null()], { description: 'null for all time' }),
    rank: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
      description: 'null before a first game',
    }),
    score: Type.Union([Type.Integer(), Type.Null()], { description: 'null before a first game' }),
    totalPlayers: Type.Integer({ minimum: 0 }),
  }),
  "The caller's rank and best score in the period",
  [{ period: 'all', periodStart: null, rank: 4, score: 7, totalPlayers: 31 }],
);
