/**
 * Authentication method references (RFC 8176) that show a second factor: Zitadel writes `mfa` (and
 * `otp` for a one-time code) into the ID token's `amr` after one.
 */
export const SECOND_FACTOR_METHODS: readonly string[] = ['mfa', 'otp'];

/** Whether a sign-in proven by these methods used a second factor: what admin routes need. */
export function usedSecondFactor(authMethods: readonly string[]): boolean {
  return authMethods.some((method) => SECOND_FACTOR_METHODS.includes(method));
}

/**
 * Whether admin routes accept the request's credentials. A session must come from a sign-in with a
 * second factor. A bearer token cannot show one (access tokens carry no `amr`), so only the machine
 * users configured as admins (ZITADEL_MACHINE_ADMINS), which have no person to ask, pass with one.
 */
export function stepUpSatisfied(
  session: { readonly authMethods: readonly string[] } | null,
  userId: string,
  machineAdmins: readonly string[],
): boolean {
  return session === null ? machineAdmins.includes(userId) : usedSecondFactor(session.authMethods);
}
