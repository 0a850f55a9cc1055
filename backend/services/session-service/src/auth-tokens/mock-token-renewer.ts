import type { TokenIssuer } from '@know-foolery/shared/auth';
import type { Session } from '../domain/session.js';
import type { Renewal, TokenRenewer } from './token-renewer.js';

/** Mock auth: a new token from the local issuer for the same subject, roles and name, with the default lifetime. */
export class MockTokenRenewer implements TokenRenewer {
  readonly #issuer: TokenIssuer;

  constructor(issuer: TokenIssuer) {
    this.#issuer = issuer;
  }

  canRenew(): boolean {
    return true;
  }

  async renew(session: Session): Promise<Renewal> {
    const issued = await this.#issuer.issueToken({
      subject: session.userId,
      roles: session.roles,
      name: session.name ?? undefined,
    });
    return {
      kind: 'renewed',
      credentials: {
        accessToken: issued.accessToken,
        accessTokenExpiresAt: issued.expiresAt,
        refreshToken: null,
        idToken: null,
      },
      identity: { userId: session.userId, roles: session.roles, name: session.name },
    };
  }
}
