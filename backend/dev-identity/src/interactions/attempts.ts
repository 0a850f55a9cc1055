/** Failed passwords and codes one sign-in may make before it is refused. */
export const MAX_FAILED_ATTEMPTS = 5;
/** Sign-ins remembered at once; the oldest is forgotten first (an abandoned one never finishes). */
const MAX_TRACKED_SIGN_INS = 1000;

interface SignInProgress {
  failures: number;
  /** Set once the password matched, while the user still owes a TOTP code. */
  passwordVerifiedUserId: string | undefined;
}

/**
 * Where each sign-in (one oidc-provider interaction) stands. The interaction's uid is bound to the
 * browser by oidc-provider's interaction cookie, which every step checks before reading this.
 */
export class SignInAttempts {
  readonly #progress = new Map<string, SignInProgress>();

  of(uid: string): SignInProgress {
    const known = this.#progress.get(uid);
    if (known !== undefined) return known;
    const fresh: SignInProgress = { failures: 0, passwordVerifiedUserId: undefined };
    this.#progress.set(uid, fresh);
    if (this.#progress.size > MAX_TRACKED_SIGN_INS) {
      const oldest = this.#progress.keys().next();
      if (oldest.done !== true) this.#progress.delete(oldest.value);
    }
    return fresh;
  }

  /** Counts a failure; true when the sign-in has now used up its tries. */
  fail(uid: string): boolean {
    const progress = this.of(uid);
    progress.failures += 1;
    return progress.failures >= MAX_FAILED_ATTEMPTS;
  }

  forget(uid: string): void {
    this.#progress.delete(uid);
  }
}
