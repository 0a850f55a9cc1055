import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.ts';
import { asProblem, dataOf, type Problem, succeeded } from '../api/problem.ts';
import type { Answer } from '../api/types.ts';
import { ProblemMessage } from '../components/problem-message.tsx';

const when = (instant: string) => new Date(instant).toLocaleString();

/** The player's signed-in devices, each one to sign out, or all of them at once. */
export function Sessions() {
  const [sessions, setSessions] = useState<Answer<'listSessions'>['items']>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const refresh = () =>
    dataOf(api.GET('/api/v1/sessions')).then(
      (list) => setSessions(list.items),
      (error: unknown) => setProblem(asProblem(error)),
    );
  useEffect(() => {
    void refresh();
  }, []);

  const end = async (id: string) => {
    try {
      await succeeded(api.DELETE('/api/v1/sessions/{id}', { params: { path: { id } } }));
      await refresh();
    } catch (error) {
      setProblem(asProblem(error));
    }
  };

  const endAll = async () => {
    try {
      await dataOf(api.DELETE('/api/v1/sessions'));
      window.location.assign('/');
    } catch (error) {
      setProblem(asProblem(error));
    }
  };

  return (
    <section>
      <h1>Your devices</h1>
      <ProblemMessage problem={problem} />
      <ul class="sessions">
        {sessions.map((session) => (
          <li key={session.id}>
            <p>
              <strong>{session.client ?? 'A browser'}</strong>
              {session.current ? ' (this device)' : ''}: signed in {when(session.authenticatedAt)}, last seen{' '}
              {when(session.lastSeenAt)}
            </p>
            {session.current ? null : (
              <button type="button" class="secondary" onClick={() => end(session.id)}>
                Sign out this device
              </button>
            )}
          </li>
        ))}
      </ul>
      <button type="button" onClick={endAll}>
        Sign out everywhere
      </button>
    </section>
  );
}
