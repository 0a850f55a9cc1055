import { errorMessage } from '@know-foolery/shared/utils';
import type { SessionStore } from '../data/session-store.js';

export interface CleanupLog {
  debug(details: Readonly<Record<string, unknown>>, message: string): void;
  warn(details: Readonly<Record<string, unknown>>, message: string): void;
}

export interface IndexCleanup {
  stop(): void;
}

/**
 * The cleanup routine: drops ended sessions from the players' indexes every `intervalMs`.
 * Housekeeping, so it never keeps the process alive, and a failed round (Redis down) only waits
 * for the next one.
 */
export function startIndexCleanup(
  store: Pick<SessionStore, 'pruneIndexes'>,
  intervalMs: number,
  log: CleanupLog,
): IndexCleanup {
  const timer = setInterval(() => {
    store.pruneIndexes().then(
      (pruned) => log.debug({ pruned }, 'session indexes pruned'),
      (error: unknown) => log.warn({ error: errorMessage(error) }, 'session index cleanup failed'),
    );
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
