import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import { asProblem, dataOf, type Problem } from '../api/problem.ts';
import type { Answer } from '../api/types.ts';
import { ProblemMessage } from '../components/problem-message.tsx';
import { loadGame } from '../game-record.ts';
import { ROUTES } from '../router.ts';

/** The end of a game: the score, and each question with the attempts the player made. */
export function Results() {
  const record = loadGame();
  const [game, setGame] = useState<Answer<'getGame'> | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  useEffect(() => {
    if (record === null) return;
    dataOf(api.GET('/api/v1/games/{id}', { params: { path: { id: record.gameId } } })).then(
      setGame,
      (error: unknown) => setProblem(asProblem(error)),
    );
  }, [record?.gameId]);

  return (
    <section>
      <h1>Game over</h1>
      <ProblemMessage problem={problem} />
      {game === null ? null : (
        <p class="score">
          Your score: <strong>{game.score}</strong> ({game.questionsAnswered} questions answered)
        </p>
      )}
      {record === null || record.questions.length === 0 ? null : (
        <ol class="summary">
          {record.questions.map((question) => (
            <li key={question.questionId}>
              <p>{question.text}</p>
              <p>
                {question.correct ? 'Right' : 'Missed'}
                {question.hintShown ? ', with the hint' : ''}. Your attempts:{' '}
                {question.attempts.length === 0 ? 'none' : question.attempts.join(', ')}
                {question.answer === null ? '' : `. The answer: ${question.answer}`}
              </p>
            </li>
          ))}
        </ol>
      )}
      <p>
        <a href={ROUTES.leaderboard}>See the leaderboard</a> · <a href={ROUTES.home}>Play again</a>
      </p>
    </section>
  );
}
