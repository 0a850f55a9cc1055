import { useEffect, useState } from 'preact/hooks';
import {
  type CurrentUser,
  currentUser,
  SIGN_IN_ERROR_PARAM,
  signInFailed,
  signInHref,
  signOut,
} from './api/auth.ts';
import { api, rememberCsrfToken } from './api/client.ts';
import { asProblem, dataOf, type Problem } from './api/problem.ts';
import { ProblemMessage } from './components/problem-message.tsx';
import { AdminImport } from './pages/admin-import.tsx';
import { AdminPlayers } from './pages/admin-players.tsx';
import { AdminQuestions } from './pages/admin-questions.tsx';
import { Home } from './pages/home.tsx';
import { Leaderboard } from './pages/leaderboard.tsx';
import { Play } from './pages/play.tsx';
import { Results } from './pages/results.tsx';
import { Sessions } from './pages/sessions.tsx';
import { ROUTES, type Route, useRoute } from './router.ts';

type Who = { state: 'loading' } | { state: 'anonymous' } | { state: 'signed-in'; user: CurrentUser };

const ADMIN_ROLE = 'admin';

function Page({ route, user }: { route: Route; user: CurrentUser }) {
  switch (route) {
    case ROUTES.home:
      return <Home />;
    case ROUTES.play:
      return <Play />;
    case ROUTES.results:
      return <Results />;
    case ROUTES.leaderboard:
      return <Leaderboard userId={user.id} />;
    case ROUTES.sessions:
      return <Sessions />;
    case ROUTES.adminQuestions:
      return <AdminQuestions />;
    case ROUTES.adminImport:
      return <AdminImport />;
    case ROUTES.adminPlayers:
      return <AdminPlayers />;
  }
}

export function App() {
  const route = useRoute();
  const [who, setWho] = useState<Who>({ state: 'loading' });
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    // Where the gateway sends a browser whose sign-in the identity provider ended with an error.
    const signInError = new URLSearchParams(window.location.search).get(SIGN_IN_ERROR_PARAM);
    if (signInError !== null) setProblem(signInFailed(signInError));
    (async () => {
      const user = await currentUser();
      if (user === null) return setWho({ state: 'anonymous' });
      // Every change made with the session cookie carries the session's CSRF token.
      rememberCsrfToken((await dataOf(api.GET('/api/v1/sessions/current'))).csrfToken);
      setWho({ state: 'signed-in', user });
    })().catch((error: unknown) => setProblem(asProblem(error)));
  }, []);

  const user = who.state === 'signed-in' ? who.user : null;
  return (
    <>
      <header>
        <a class="brand" href={ROUTES.home}>
          Know Foolery
        </a>
        {user === null ? null : (
          <nav aria-label="Main">
            <a href={ROUTES.home}>New game</a>
            <a href={ROUTES.leaderboard}>Leaderboard</a>
            <a href={ROUTES.sessions}>Devices</a>
            {user.roles.includes(ADMIN_ROLE) ? (
              <>
                <a href={ROUTES.adminQuestions}>Questions</a>
                <a href={ROUTES.adminImport}>Import</a>
                <a href={ROUTES.adminPlayers}>Players</a>
              </>
            ) : null}
            <button type="button" onClick={async () => setProblem(await signOut())}>
              Sign out {user.name ?? ''}
            </button>
          </nav>
        )}
      </header>
      <main>
        <ProblemMessage problem={problem} />
        {who.state === 'anonymous' ? (
          <section>
            <h1>Know Foolery</h1>
            <p>A trivia game where you type the answer. Typos are forgiven.</p>
            <p>
              <a class="button" href={signInHref()}>
                Sign in to play
              </a>
            </p>
          </section>
        ) : null}
        {who.state === 'loading' && problem === null ? <p aria-live="polite">Loading…</p> : null}
        {user !== null && route === null ? (
          <section>
            <h1>Page not found</h1>
            <p>
              <a href={ROUTES.home}>Back to the start</a>
            </p>
          </section>
        ) : null}
        {user !== null && route !== null ? <Page route={route} user={user} /> : null}
      </main>
    </>
  );
}
