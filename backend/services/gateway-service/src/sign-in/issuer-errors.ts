/**
 * The errors an issuer may end a sign-in with at the redirect URI: RFC 6749 section 4.1.2.1 and
 * OpenID Connect Core section 3.1.2.6. The browser is sent on with one of these, never with text of
 * the issuer's choosing.
 */
const AUTHORIZATION_ERRORS: ReadonlySet<string> = new Set([
  'invalid_request',
  'unauthorized_client',
  'access_denied',
  'unsupported_response_type',
  'invalid_scope',
  'server_error',
  'temporarily_unavailable',
  'interaction_required',
  'login_required',
  'account_selection_required',
  'consent_required',
  'invalid_request_uri',
  'invalid_request_object',
  'request_not_supported',
  'request_uri_not_supported',
  'registration_not_supported',
]);

/** The error to tell the application: the issuer's when it is a known one, else `server_error`. */
export function authorizationErrorCode(error: string): string {
  return AUTHORIZATION_ERRORS.has(error) ? error : 'server_error';
}
