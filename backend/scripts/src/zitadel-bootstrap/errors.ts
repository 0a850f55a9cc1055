/**
 * Why a bootstrap failed, each with a stable code, so a wrapper (or a test) tells them apart without
 * parsing the message. The message names what failed and never carries a secret.
 */
export const BootstrapErrorCode = {
  /** A flag, variable or file the script reads is missing or malformed. */
  badInput: 'BOOTSTRAP_BAD_INPUT',
  /** Zitadel did not answer (refused, timed out, name not found). */
  unreachable: 'ZITADEL_UNREACHABLE',
  /** Zitadel refused the personal access token (401) or its rights (403). */
  unauthorized: 'ZITADEL_UNAUTHORIZED',
  /** Zitadel answered, but not as its API says it answers that call. */
  unexpectedAnswer: 'ZITADEL_UNEXPECTED_ANSWER',
  /** The output env file could not be read or written. */
  envFile: 'BOOTSTRAP_ENV_FILE',
} as const;
export type BootstrapErrorCode = (typeof BootstrapErrorCode)[keyof typeof BootstrapErrorCode];

export class BootstrapError extends Error {
  readonly code: BootstrapErrorCode;

  constructor(code: BootstrapErrorCode, message: string) {
    super(message);
    this.name = 'BootstrapError';
    this.code = code;
  }
}
