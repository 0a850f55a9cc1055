import type { TokenIssuer } from '@know-foolery/shared/auth';
import type { Session, SessionCredentials } from '../domain/session.js';
import type { TokenRenewer } from './token-renewer.js';

/** Mock auth: a new token from the local issuer for the same subject, roles and name, with the default lifetime. */
export class MockTokenRenewer implements TokenRenewer {
  readonly #issuer: TokenIssuer;

  constructor(issuer: TokenIssuer) {
    this.#issuer = issuer;
  }

  async renew(session: Session): Promise<SessionCredentials> {
    const issued = await this.#issuer.issueToken({
      subject: session.userId,
      roles: session.roles,
      name: session.name ?? undefined,
    });
    return {
      accessToken: issued.accessToken,
      accessTokenExpiresAt: issued.expiresAt,
      refreshToken: null,
      idToken: null,
    };
  }
}
