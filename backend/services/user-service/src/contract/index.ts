/**
 * user-service's public contract: the schemas of the routes other services call, its limits and
 * its error codes. Its callers (game-service, leaderboard-service, the gateway) import it instead of restating
 * it. Nothing here does I/O or pulls in Fastify or Kysely.
 */

export { UserErrorCode } from './error-codes.js';
export {
  EMAIL_MAX_LENGTH,
  Email,
  IDENTITY_NAME_MAX_LENGTH,
  IDENTITY_PROFILE_ROUTE,
  IdentityName,
  IdentityProfile,
  IdentityProfileBody,
  identityProfilePath,
  LOCALE_MAX_LENGTH,
  Locale,
  PreferredUsername,
  UserIdParams,
} from './identity-profile.js';
export {
  DISPLAY_NAME_MAX,
  DISPLAY_NAME_MAX_CACHE_SECONDS,
  DISPLAY_NAME_MIN,
  USER_ID_MAX_LENGTH,
  USER_LOOKUP_MAX_IDS,
} from './limits.js';
export { UserLookup, UserLookupBody } from './lookup.js';
export { Profile, ProfileUpdate } from './profiles.js';
