/** Every code the gateway answers with itself, besides the platform's common ones and session-service's. */
export const GatewayErrorCode = {
  /**
   * An admin route was called by a session whose sign-in used no second factor (or with a person's
   * bearer token, which cannot show one): sign in again with `?step_up=1`.
   */
  stepUpRequired: 'STEP_UP_REQUIRED',
  /** `return_to` is neither a path of this site nor a page of a CORS_ORIGINS origin (`//host`, a backslash, another site): no open redirect. */
  signInReturnToInvalid: 'SIGN_IN_RETURN_TO_INVALID',
  /**
   * The callback came without a sign-in started in this browser: no pending sign-in cookie, one that
   * expired (10 minutes), or one that was already used or tampered with. Start again.
   */
  signInNotPending: 'SIGN_IN_NOT_PENDING',
  /** The callback's `state` is not the one this browser's sign-in sent. */
  signInStateMismatch: 'SIGN_IN_STATE_MISMATCH',
  /** The identity provider refused the authorization code: already used, expired, or not this client's. */
  signInCodeRejected: 'SIGN_IN_CODE_REJECTED',
  /** The identity provider's answer failed the checks (ID token signature, nonce, issuer, audience). */
  signInResponseInvalid: 'SIGN_IN_RESPONSE_INVALID',
} as const;

export type GatewayErrorCode = (typeof GatewayErrorCode)[keyof typeof GatewayErrorCode];
