/**
 * A stored session value failed authentication or decryption, or decrypted to something that is not
 * a session: someone wrote to the store, moved a value between keys, or the keys changed. Callers
 * answer it as an invalid session and log it as a security event (with the handle, never the id).
 */
export class SessionTamperedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SessionTamperedError';
  }
}
