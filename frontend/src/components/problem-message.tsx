import { signInHref } from '../api/auth.ts';
import type { Problem } from '../api/problem.ts';

const STEP_UP_REQUIRED = 'STEP_UP_REQUIRED';

/** A failed call, as the person reads it: what happened, why, and the way on when there is one. */
export function ProblemMessage({ problem }: { problem: Problem | null }) {
  if (problem === null) return null;
  return (
    <div class="problem" role="alert">
      <p>
        <strong>{problem.title}</strong>
        {problem.detail === null ? null : ` ${problem.detail}`}
      </p>
      {problem.code === STEP_UP_REQUIRED ? (
        <p>
          <a href={signInHref(true)}>Sign in again with your second factor</a> to use the admin pages.
        </p>
      ) : null}
      {problem.status === 401 ? (
        <p>
          <a href={signInHref()}>Sign in</a> to go on.
        </p>
      ) : null}
    </div>
  );
}
