import {
  type AuthenticatedUser,
  type AuthProvider,
  IdentityProviderUnavailableError,
  InvalidTokenError,
} from '@know-foolery/shared/auth';
import type { SignInSessionBody } from '../contract/internal.js';
import { readCookieSession } from './cookie-session.js';
import type { SecurityLog, SessionDeps } from './deps.js';
import { accessTokenInvalid, identityProviderUnavailable } from './errors.js';
import { type OpenedSession, openVerifiedSession } from './open-session.js';
import { revokeRefreshTokens } from './refresh-token-revocation.js';

/** A service verifies what it is handed: the gateway's word alone opens no session. */
async function verifiedPerson(verifier: AuthProvider, accessToken: string): Promise<AuthenticatedUser> {
  let user: AuthenticatedUser;
  try {
    user = await verifier.verifyAccessToken(accessToken);
  } catch (error) {
    if (error instanceof InvalidTokenError) throw accessTokenInvalid(error.description);
    if (error instanceof IdentityProviderUnavailableError) throw identityProviderUnavailable(error);
    throw error;
  }
  if (!user.roles.some((role) => role === 'player' || role === 'admin')) {
    throw accessTokenInvalid("it is not a person's: it carries neither the player nor the admin role");
  }
  return user;
}

function earlier(first: Date, second: Date): Date {
  return first.getTime() <= second.getTime() ? first : second;
}

/**
 * Opens the session of an OpenID Connect sign-in the gateway completed: the access token is
 * verified here, the refresh and ID tokens are kept (sealed with the session), and how and when the
 * player authenticated (the ID token's amr and auth_time) is recorded for step-up checks. The
 * session shows the name the gateway read from the ID token, else the access token's.
 */
export async function signIn(
  deps: SessionDeps,
  verifier: AuthProvider,
  body: SignInSessionBody,
  log: SecurityLog,
): Promise<OpenedSession> {
  const verified = await verifiedPerson(verifier, body.accessToken);
  // The ID token names the person where the access token does not: Zitadel's carry no profile claims.
  const user = { ...verified, name: body.name ?? verified.name };
  return openVerifiedSession(
    deps,
    {
      user,
      authentication: {
        authenticatedAt: new Date(body.authenticatedAt),
        authMethods: body.authMethods,
      },
      credentials: {
        accessToken: body.accessToken,
        // The sooner of what the token endpoint said (expires_in) and what the token says: renewed in time either way.
        accessTokenExpiresAt: earlier(new Date(body.accessTokenExpiresAt), user.expiresAt),
        refreshToken: body.refreshToken,
        idToken: body.idToken,
      },
      client: body.client,
      cookie: body.cookie,
    },
    log,
  );
}

/**
 * Signs out the session a cookie names: it ends and its refresh token is revoked at the identity
 * provider. Answers its ID token, the hint for the provider's own sign-out; null when the cookie
 * named no active session (signed out already, expired, or not ours), which is no error.
 */
export async function signOut(deps: SessionDeps, cookie: string, log: SecurityLog): Promise<string | null> {
  const found = await readCookieSession(deps, cookie, log);
  if (found.state !== 'active') return null;
  await deps.store.remove(found.session.handle);
  await revokeRefreshTokens(deps, [found.session], log);
  return found.session.credentials.idToken;
}
