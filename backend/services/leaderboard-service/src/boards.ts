/**
 * The boards without the HTTP app, for tools that rank scores directly (the benchmark compares
 * the Redis boards with SQL through these). Nothing here does I/O until called.
 */

export { boardKeys } from './data/redis-board-keys.js';
export { RedisBoardStore } from './data/redis-boards.js';
export type { LeaderboardDatabase } from './data/schema.js';
export { currentBoard } from './domain/board.js';
export { type Boards, SqlBoards } from './use-cases/boards.js';
export { CachedBoards } from './use-cases/cached-boards.js';
