import { type AuthenticatedUser, type AuthProvider, InvalidTokenError } from '@know-foolery/shared/auth';
import type { Session } from '../domain/session.js';
import type { OidcTokenClient } from './oidc-token-client.js';
import type { Renewal, TokenRenewer } from './token-renewer.js';

/**
 * OpenID Connect: the provider's refresh token grant. The refresh token rotates (the new one
 * replaces it); the new access token is verified as any handed to this service is, and says who
 * the player is now, so a role granted or withdrawn at the provider reaches the session.
 */
export class OidcTokenRenewer implements TokenRenewer {
  readonly #client: OidcTokenClient;
  readonly #verifier: AuthProvider;

  constructor(client: OidcTokenClient, verifier: AuthProvider) {
    this.#client = client;
    this.#verifier = verifier;
  }

  canRenew(session: Session): boolean {
    return session.credentials.refreshToken !== null;
  }

  async renew(session: Session): Promise<Renewal> {
    const { refreshToken, idToken } = session.credentials;
    if (refreshToken === null) return { kind: 'refused', reason: 'the session holds no refresh token' };
    const outcome = await this.#client.refresh(refreshToken);
    if (outcome.kind === 'refused') return outcome;
    const { tokens } = outcome;
    let user: AuthenticatedUser;
    try {
      user = await this.#verifier.verifyAccessToken(tokens.accessToken);
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        return { kind: 'refused', reason: `the renewed access token does not verify: ${error.description}` };
      }
      throw error;
    }
    if (user.id !== session.userId) {
      return { kind: 'refused', reason: "the renewed access token names another subject than the session's" };
    }
    return {
      kind: 'renewed',
      credentials: {
        accessToken: tokens.accessToken,
        accessTokenExpiresAt: user.expiresAt,
        refreshToken: tokens.refreshToken ?? refreshToken,
        idToken: tokens.idToken ?? idToken,
      },
      // A renewed access token names nobody (Zitadel's carry no profile claims): the sign-in's name stays.
      identity: { userId: user.id, roles: user.roles, name: user.name ?? session.name },
    };
  }
}
