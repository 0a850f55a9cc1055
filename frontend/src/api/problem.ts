/** What the person reads when a call fails: the API's problem+json, or what went wrong on the way. */
export interface Problem {
  readonly title: string;
  readonly detail: string | null;
  readonly code: string | null;
  readonly status: number;
  /** With STEP_UP_REQUIRED: where to sign in again with the second factor. */
  readonly signIn: string | null;
}

const text = (record: Record<string, unknown>, key: string): string | null => {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : null;
};

/** Reads a failed call's body, whatever it holds: never throws, never hides the status. */
export function problemOf(body: unknown, status: number): Problem {
  const record: Record<string, unknown> =
    typeof body === 'object' && body !== null ? Object.fromEntries(Object.entries(body)) : {};
  return {
    title: text(record, 'title') ?? `The server answered ${status}`,
    detail: text(record, 'detail'),
    code: text(record, 'code'),
    status,
    signIn: text(record, 'signIn'),
  };
}

/** A call that never got an answer (offline, the platform down). */
export function unreachable(error: unknown): Problem {
  const detail = error instanceof Error ? error.message : String(error);
  return { title: 'The server cannot be reached', detail, code: null, status: 0, signIn: null };
}

export class ProblemError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.problem = problem;
  }
}

/** The data of a typed call, or a ProblemError carrying what the API said. */
export async function dataOf<Data>(
  call: Promise<{ data?: Data; error?: unknown; response: Response }>,
): Promise<Data> {
  let result: { data?: Data; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    throw new ProblemError(unreachable(error));
  }
  if (result.data === undefined) throw new ProblemError(problemOf(result.error, result.response.status));
  return result.data;
}

export function asProblem(error: unknown): Problem {
  return error instanceof ProblemError ? error.problem : unreachable(error);
}

/** A call answered without a body (204): only whether it succeeded counts. */
export async function succeeded(call: Promise<{ error?: unknown; response: Response }>): Promise<void> {
  let result: { error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    throw new ProblemError(unreachable(error));
  }
  if (!result.response.ok) throw new ProblemError(problemOf(result.error, result.response.status));
}
