/** A unique constraint refused the write, on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  // 23505: PostgreSQL unique_violation; SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY from better-sqlite3.
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
