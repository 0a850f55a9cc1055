import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import { asProblem, dataOf, type Problem, ProblemError } from '../api/problem.ts';
import type { Answer } from '../api/types.ts';
import { ProblemMessage } from '../components/problem-message.tsx';
import { TimeLeft } from '../components/time-left.tsx';
import { type GameRecord, loadGame, type PlayedQuestion, saveGame } from '../game-record.ts';
import { go, ROUTES } from '../router.ts';

const DATE_HEADER_MIDPOINT_MS = 500;

type Question = Answer<'getCurrentQuestion'>;
type Verdict = Answer<'submitAnswer'>;

/** What game-service answers once the game is over (finished, expired, out of questions). */
const GAME_OVER = 'GAME_OVER';
/** Alt+H asks for the hint from anywhere on the page, the answer field included. */
const HINT_KEY = 'h';

const REASONS: Record<Verdict['verdict']['reason'], string> = {
  exact: 'exactly right',
  normalized: 'right (case and accents aside)',
  typo: 'typo forgiven',
  alternative: 'an accepted alternative',
  wrong: 'not it',
};

function played(record: GameRecord, question: Question): PlayedQuestion {
  const known = record.questions.find((item) => item.questionId === question.questionId);
  if (known !== undefined) return known;
  const fresh: PlayedQuestion = {
    questionId: question.questionId,
    text: question.text,
    attempts: [],
    hintShown: question.hintShown,
    correct: false,
    answer: null,
  };
  record.questions.push(fresh);
  return fresh;
}

/** The question in play: time left, attempts left, the hint, the answer, the verdict and why. */
export function Play() {
  const record = loadGame();
  const [game, setGame] = useState<Answer<'getGame'> | null>(null);
  const [clockSkewMs, setClockSkewMs] = useState(0);
  const [question, setQuestion] = useState<Question | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [answer, setAnswer] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const answerField = useRef<HTMLInputElement>(null);
  const nextButton = useRef<HTMLButtonElement>(null);
  const gameId = record?.gameId ?? null;

  const fail = (error: unknown) => {
    if (error instanceof ProblemError && error.problem.code === GAME_OVER) go(ROUTES.results);
    else setProblem(asProblem(error));
  };

  const nextQuestion = async () => {
    if (gameId === null) return;
    setQuestion(null);
    setVerdict(null);
    setHint(null);
    setAnswer('');
    const path = { params: { path: { id: gameId } } };
    const served = await dataOf(api.GET('/api/v1/games/{id}/question', path));
    setQuestion(served);
  };

  useEffect(() => {
    if (gameId === null) return;
    (async () => {
      const result = await api.GET('/api/v1/games/{id}', { params: { path: { id: gameId } } });
      // The server's clock is the truth: the page only counts down to its expiry.
      const serverNow = Date.parse(result.response.headers.get('date') ?? '');
      // Date has whole seconds: the server's time lay somewhere in the second it names, its middle on average.
      if (!Number.isNaN(serverNow)) setClockSkewMs(serverNow + DATE_HEADER_MIDPOINT_MS - Date.now());
      const current = await dataOf(Promise.resolve(result));
      setGame(current);
      if (current.status !== 'active') return go(ROUTES.results);
      await nextQuestion();
    })().catch(fail);
  }, [gameId]);

  const askHint = async () => {
    if (gameId === null || question === null || !question.hintAvailable) return;
    try {
      const shown = await dataOf(api.POST('/api/v1/games/{id}/hint', { params: { path: { id: gameId } } }));
      setHint(shown.hint);
      if (record !== null) {
        played(record, question).hintShown = true;
        saveGame(record);
      }
    } catch (error) {
      fail(error);
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && event.key.toLowerCase() === HINT_KEY) {
        event.preventDefault();
        void askHint();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  // Each question puts the cursor in the answer field, each settled one on the way to the next.
  useEffect(() => {
    answerField.current?.focus();
  }, [question?.questionId]);
  useEffect(() => {
    if (verdict?.settled === true) nextButton.current?.focus();
  }, [verdict]);

  if (record === null || gameId === null)
    return (
      <section>
        <h1>No game in play</h1>
        <p>
          <a href={ROUTES.home}>Start a game</a>
        </p>
      </section>
    );

  const submit = async (event: Event) => {
    event.preventDefault();
    if (question === null || verdict?.settled === true) return;
    setProblem(null);
    try {
      const answered = await dataOf(
        api.POST('/api/v1/games/{id}/answers', { params: { path: { id: gameId } }, body: { answer } }),
      );
      setVerdict(answered);
      setQuestion({ ...question, attemptsLeft: answered.attemptsLeft });
      const item = played(record, question);
      item.attempts.push(answer);
      item.correct = answered.correct;
      item.answer = answered.correctAnswer;
      saveGame(record);
      if (!answered.settled) setAnswer('');
    } catch (error) {
      fail(error);
    }
  };

  const finish = async () => {
    try {
      await dataOf(api.POST('/api/v1/games/{id}/finish', { params: { path: { id: gameId } } }));
      go(ROUTES.results);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <section class="play">
      <h1>{question === null ? 'Your game' : `Question ${question.questionNumber}`}</h1>
      {game === null ? null : <TimeLeft expiresAt={game.expiresAt} clockSkewMs={clockSkewMs} />}
      <p>Score: {verdict?.score ?? game?.score ?? 0}</p>
      {question === null ? null : (
        <>
          <p class="meta">
            {question.theme} · {question.difficulty} ·{' '}
            {question.kind === 'true_false' ? 'true or false' : 'type the answer'}
          </p>
          <p class="question" id="question-text">
            {question.text}
          </p>
          {verdict?.settled === true ? null : <p>Attempts left: {question.attemptsLeft}</p>}
          <form onSubmit={submit}>
            <label for="answer">Your answer</label>
            <input
              id="answer"
              ref={answerField}
              value={answer}
              autocomplete="off"
              aria-describedby="question-text"
              disabled={verdict?.settled === true}
              onInput={(event) => setAnswer(event.currentTarget.value)}
            />
            <div class="actions">
              <button type="submit" disabled={verdict?.settled === true}>
                Answer
              </button>
              <button
                type="button"
                aria-keyshortcuts="Alt+H"
                disabled={!question.hintAvailable || hint !== null || verdict?.settled === true}
                onClick={askHint}
              >
                Hint (Alt+H)
              </button>
            </div>
          </form>
          {hint === null ? null : <p class="hint">Hint: {hint}</p>}
        </>
      )}
      <div aria-live="polite" class="verdict">
        {verdict === null ? null : (
          <p class={verdict.correct ? 'right' : 'wrong'}>
            <strong>{verdict.correct ? 'Correct' : 'Wrong'}</strong>: {REASONS[verdict.verdict.reason]}.{' '}
            {verdict.verdict.explanation}
            {verdict.pointsAwarded > 0
              ? ` +${verdict.pointsAwarded} ${verdict.pointsAwarded === 1 ? 'point' : 'points'}.`
              : ''}
          </p>
        )}
        {verdict?.settled === true && verdict.correctAnswer !== null ? (
          <p>The answer: {verdict.correctAnswer}</p>
        ) : null}
      </div>
      {verdict?.settled === true ? (
        <button type="button" id="next-question" ref={nextButton} onClick={() => nextQuestion().catch(fail)}>
          Next question
        </button>
      ) : null}
      <p>
        <button type="button" class="secondary" onClick={finish}>
          End the game
        </button>
      </p>
      <ProblemMessage problem={problem} />
    </section>
  );
}
