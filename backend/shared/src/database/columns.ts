import type { ColumnType } from 'kysely';

/** Read back as a Date (PostgreSQL) or ISO-8601 text (SQLite); always written as a Date. */
export type Timestamp = ColumnType<Date | string, Date, Date>;
/** Read back as a boolean (PostgreSQL) or 0/1 (SQLite); always written as a boolean. */
export type Flag = ColumnType<boolean | number, boolean | undefined, boolean>;

export function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

export function toBoolean(value: boolean | number): boolean {
  return value === true || value === 1;
}

/** PostgreSQL returns 64-bit aggregates (count, sum) as strings. */
export function toNumber(value: number | string | bigint | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return Number(value);
}
