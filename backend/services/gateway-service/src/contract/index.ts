/**
 * What the gateway's callers see of it: its own error codes and its sign-in routes. Nothing here
 * does I/O or pulls in Fastify.
 */
export {
  AUTH_PATHS,
  CallbackQuery,
  CurrentUser,
  RETURN_TO_MAX_LENGTH,
  SIGN_IN_ERROR_PARAM,
  SignedOut,
  SignInQuery,
} from './auth.js';
export { GatewayErrorCode } from './error-codes.js';
