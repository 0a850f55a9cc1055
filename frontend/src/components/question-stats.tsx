import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import { asProblem, dataOf, type Problem } from '../api/problem.ts';
import type { Answer } from '../api/types.ts';
import { ProblemMessage } from './problem-message.tsx';

const percent = (rate: number) => `${Math.round(rate * 100)}%`;

/** How a question fared in play: served, answered, right, with the hint. */
export function QuestionStats({ id, onClose }: { id: string; onClose: () => void }) {
  const [stats, setStats] = useState<Answer<'getQuestionStats'> | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    dataOf(api.GET('/api/v1/admin/questions/{id}/stats', { params: { path: { id } } })).then(
      setStats,
      (error: unknown) => setProblem(asProblem(error)),
    );
  }, [id]);
  return (
    <section aria-labelledby="stats-title">
      <h2 id="stats-title">Statistics</h2>
      <ProblemMessage problem={problem} />
      {stats === null ? null : (
        <>
          <p>{stats.question.text}</p>
          <ul>
            <li>Served: {stats.stats.timesServed}</li>
            <li>Attempts: {stats.stats.attempts}</li>
            <li>Answered right: {stats.stats.timesAnsweredCorrectly}</li>
            <li>Success rate: {percent(stats.stats.successRate)}</li>
            <li>Hints shown: {stats.stats.hintsShown}</li>
            <li>Hint rate: {percent(stats.stats.hintRate)}</li>
          </ul>
        </>
      )}
      <button type="button" class="secondary" onClick={onClose}>
        Close the statistics
      </button>
    </section>
  );
}
