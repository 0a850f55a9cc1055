import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import { asProblem, dataOf, type Problem } from '../api/problem.ts';
import type { Answer } from '../api/types.ts';
import { ProblemMessage } from '../components/problem-message.tsx';

type Period = Answer<'getLeaderboard'>['period'];
const PERIODS: ReadonlyArray<{ period: Period; label: string }> = [
  { period: 'all', label: 'All time' },
  { period: 'week', label: 'This week' },
];
const TOP = 10;

/** The top of the board, all-time or this week, and the player's own rank even outside the top. */
export function Leaderboard({ userId }: { userId: string }) {
  const [period, setPeriod] = useState<Period>('all');
  const [board, setBoard] = useState<Answer<'getLeaderboard'> | null>(null);
  const [own, setOwn] = useState<Answer<'getOwnStanding'> | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    const query = { params: { query: { period } } };
    Promise.all([
      dataOf(api.GET('/api/v1/leaderboard', { params: { query: { period, limit: TOP } } })),
      dataOf(api.GET('/api/v1/leaderboard/me', query)),
    ]).then(
      ([top, standing]) => {
        setBoard(top);
        setOwn(standing);
      },
      (error: unknown) => setProblem(asProblem(error)),
    );
  }, [period]);

  return (
    <section>
      <h1>Leaderboard</h1>
      <div class="tabs">
        {PERIODS.map((item) => (
          <button
            key={item.period}
            type="button"
            aria-pressed={item.period === period}
            onClick={() => setPeriod(item.period)}
          >
            {item.label}
          </button>
        ))}
      </div>
      <ProblemMessage problem={problem} />
      {own === null ? null : (
        <p class="own">
          {own.rank === null
            ? 'You have no score on this board yet.'
            : `Your rank: ${own.rank} of ${own.totalPlayers}, with ${own.score ?? 0} points.`}
        </p>
      )}
      {board === null ? null : (
        <table>
          <caption>{PERIODS.find((item) => item.period === period)?.label} top scores</caption>
          <thead>
            <tr>
              <th scope="col">Rank</th>
              <th scope="col">Player</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {board.items.map((entry) => (
              <tr key={entry.userId} class={entry.userId === userId ? 'mine' : undefined}>
                <td>{entry.rank}</td>
                <td>
                  {entry.displayName ?? 'A player'}
                  {entry.userId === userId ? ' (you)' : ''}
                </td>
                <td>{entry.score}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
