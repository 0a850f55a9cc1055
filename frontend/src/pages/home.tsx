import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import { asProblem, dataOf, type Problem } from '../api/problem.ts';
import type { Answer, BodyOf } from '../api/types.ts';
import { ProblemMessage } from '../components/problem-message.tsx';
import { loadGame, startRecord } from '../game-record.ts';
import { go, ROUTES } from '../router.ts';

type Difficulty = NonNullable<BodyOf<'startGame'>['difficulty']>;
const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard'];
const ANY = '';

/** Start a game: a theme and a difficulty the API offers (or any), true/false questions or not. */
export function Home() {
  const [themes, setThemes] = useState<Answer<'listThemes'>['items']>([]);
  const [theme, setTheme] = useState(ANY);
  const [difficulty, setDifficulty] = useState(ANY);
  const [trueFalse, setTrueFalse] = useState(true);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [starting, setStarting] = useState(false);
  const inPlay = loadGame();

  useEffect(() => {
    dataOf(api.GET('/api/v1/themes')).then(
      (list) => setThemes(list.items),
      (error: unknown) => setProblem(asProblem(error)),
    );
  }, []);

  const start = async (event: Event) => {
    event.preventDefault();
    setStarting(true);
    setProblem(null);
    try {
      const chosen = DIFFICULTIES.find((level) => level === difficulty);
      const game = await dataOf(
        api.POST('/api/v1/games', {
          body: {
            ...(theme === ANY ? {} : { theme }),
            ...(chosen === undefined ? {} : { difficulty: chosen }),
            questionKinds: trueFalse ? ['free_text', 'true_false'] : ['free_text'],
          },
        }),
      );
      startRecord(game.id);
      go(ROUTES.play);
    } catch (error) {
      setProblem(asProblem(error));
      setStarting(false);
    }
  };

  return (
    <section>
      <h1>New game</h1>
      {inPlay === null ? null : (
        <p>
          <a href={ROUTES.play}>Back to your game in play</a>
        </p>
      )}
      <form onSubmit={start}>
        <label for="theme">Theme</label>
        <select id="theme" value={theme} onChange={(event) => setTheme(event.currentTarget.value)}>
          <option value={ANY}>Any theme</option>
          {themes.map((item) => (
            <option key={item.theme} value={item.theme}>
              {item.theme} ({item.questionCount} questions)
            </option>
          ))}
        </select>
        <label for="difficulty">Difficulty</label>
        <select
          id="difficulty"
          value={difficulty}
          onChange={(event) => setDifficulty(event.currentTarget.value)}
        >
          <option value={ANY}>Any difficulty</option>
          {DIFFICULTIES.map((level) => (
            <option key={level} value={level}>
              {level}
            </option>
          ))}
        </select>
        <label class="check">
          <input
            type="checkbox"
            checked={trueFalse}
            onChange={(event) => setTrueFalse(event.currentTarget.checked)}
          />
          Include true/false questions
        </label>
        <button type="submit" disabled={starting}>
          Start the game
        </button>
      </form>
      <ProblemMessage problem={problem} />
    </section>
  );
}
