import { SessionTamperedError } from '../data/errors.js';
import type { SecurityLog } from './deps.js';
import { sessionInvalid } from './errors.js';

/** Which part failed: the cookie's signature, or the stored value's decryption. */
export type TamperedPart = 'cookie' | 'stored';

const MESSAGES: Readonly<Record<TamperedPart, string>> = {
  cookie: 'session cookie refused: its signature does not verify',
  stored: 'stored session refused: it does not decrypt',
};

/** One security log line: the handle when there is one, never a session id, a cookie or a token. */
export function logTampered(log: SecurityLog, part: TamperedPart, handle?: string): void {
  log.warn({ event: 'session_tampered', part, ...(handle === undefined ? {} : { handle }) }, MESSAGES[part]);
}

/** Runs a store read; a stored value that fails decryption is logged and answered 401 SESSION_INVALID. */
export async function refusingTampered<T>(
  log: SecurityLog,
  handle: string | undefined,
  read: () => Promise<T>,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof SessionTamperedError)) throw error;
    logTampered(log, 'stored', handle);
    throw sessionInvalid();
  }
}
