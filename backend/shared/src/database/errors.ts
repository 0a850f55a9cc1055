/** A unique constraint refused the write, on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const code = codeOf(error);
  // 23505: PostgreSQL unique_violation; SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY from better-sqlite3.
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Whether a failed query failed because the database could not be used at that moment (refused,
 * cut, timed out, shutting down, out of connections, locked) rather than because of the query:
 * the caller may try again shortly, so it is a 503 and not an internal error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return causesOf(error).some(
    (cause) =>
      NETWORK_CODES.has(codeOf(cause)) ||
      POSTGRES_UNAVAILABLE.test(codeOf(cause)) ||
      SQLITE_BUSY.test(codeOf(cause)) ||
      (cause instanceof Error && PG_POOL_MESSAGES.some((message) => cause.message.startsWith(message))),
  );
}

/** How long a client waits before trying again: a connection cut or a failover takes seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Codes Node gives a socket that could not connect or was cut. */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATE class 08 (connection exception), 57P01–57P03 (the server shutting down or starting),
 * 53300 (too many connections).
 */
const POSTGRES_UNAVAILABLE = /^(08\w{3}|57P0[123]|53300)$/;

/** better-sqlite3's codes for a database another connection holds past the busy timeout. */
const SQLITE_BUSY = /^SQLITE_(BUSY|LOCKED)(_\w+)?$/;

/** What node-postgres throws, without a code, when its connection ends or cannot be had in time. */
const PG_POOL_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
];

function codeOf(error: unknown): string {
  if (typeof error !== 'object' || error === null || !('code' in error)) return '';
  return typeof error.code === 'string' ? error.code : '';
}

/** The error, its causes, and an AggregateError's errors (a refused dual-stack connect), a few deep. */
function causesOf(error: unknown, depth = 0): unknown[] {
  if (depth > 4 || typeof error !== 'object' || error === null) return [];
  const nested = [
    ...('cause' in error ? [error.cause] : []),
    ...(error instanceof AggregateError ? error.errors : []),
  ];
  return [error, ...nested.flatMap((inner: unknown) => causesOf(inner, depth + 1))];
}
