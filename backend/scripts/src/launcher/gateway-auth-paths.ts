/** The gateway's sign-in routes, as the gateway serves them: where the identity provider sends people back. */
export const GATEWAY_AUTH_PATHS = {
  signIn: '/api/v1/auth/sign-in',
  callback: '/api/v1/auth/callback',
} as const;
