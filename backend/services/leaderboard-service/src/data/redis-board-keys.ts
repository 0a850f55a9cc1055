import { taggedKey } from '@know-foolery/shared/redis';
import { type Board, boardName } from '../domain/board.js';

/**
 * One board's keys, all under one hash tag so its scripts run in one cluster slot. Their lifetimes
 * are set by whoever writes them (see `boardLifetimes`): the ranks and the index live as long as the
 * board's data, the marker as long as the board is trusted, the lock as long as a rebuild may take.
 */
export interface BoardKeys {
  /** Sorted set: one member per player (`encodeMember`), scored by the negated best score. */
  readonly ranks: string;
  /** Hash: user id -> that player's member in `ranks`, to find and replace their best. */
  readonly members: string;
  /** Present while the board holds every player's best: without it the board is rebuilt. */
  readonly complete: string;
  /** Held by the one instance rebuilding the board from the database. */
  readonly rebuildLock: string;
}

export function boardKeys(board: Board): BoardKeys {
  const tag = `leaderboard:${boardName(board)}`;
  return {
    ranks: taggedKey(tag, 'ranks'),
    members: taggedKey(tag, 'members'),
    complete: taggedKey(tag, 'complete'),
    rebuildLock: taggedKey(tag, 'rebuild-lock'),
  };
}

/**
 * A member sorts players of equal score as the database does: by the instant they reached it,
 * then by user id, both byte by byte. The instant is written as milliseconds since the first
 * instant a date-time can name (0000-01-01), in a fixed number of digits, so the sorted set's
 * byte order of members is the time order, up to the last instant of 9999.
 */
const FIRST_INSTANT_MS = Date.parse('0000-01-01T00:00:00.000Z');
const LAST_INSTANT_MS = Date.parse('9999-12-31T23:59:59.999Z');
export const MEMBER_TIME_DIGITS = 15;

export function encodeMember(userId: string, achievedAt: Date): string {
  const ms = achievedAt.getTime();
  if (!(ms >= FIRST_INSTANT_MS && ms <= LAST_INSTANT_MS)) {
    throw new RangeError(`${achievedAt.toISOString()} is outside the instants a date-time can name`);
  }
  return `${String(ms - FIRST_INSTANT_MS).padStart(MEMBER_TIME_DIGITS, '0')}:${userId}`;
}

export interface DecodedMember {
  readonly userId: string;
  readonly achievedAt: Date;
}

/** `MEMBER_TIME_DIGITS` digits, a colon, the user id (which may hold colons itself). */
const MEMBER = /^(\d{15}):([\s\S]+)$/;

/** The player and instant a member names; undefined for text that is not a member. */
export function decodeMember(member: string): DecodedMember | undefined {
  const match = MEMBER.exec(member);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { userId: match[2], achievedAt: new Date(FIRST_INSTANT_MS + Number(match[1])) };
}

/** Scores are stored negated, so the sorted set's ascending order lists the best first. */
export const storedScore = (score: number): number => -score;

/** The game score a stored score holds; `0 -` keeps a stored 0 from reading back as -0. */
export const gameScore = (stored: number): number => 0 - stored;
