import type { IncomingMessage } from 'node:http';
import { bearerToken } from '../http/messages.js';
import type { LocalJwtVerifier } from '../provider/local-jwt.js';
import { GrpcStatus, ZitadelError } from '../zitadel/errors.js';

/** Who may call the user API besides holders of the administrator's personal access token. */
export interface UserApiCallers {
  readonly personalAccessToken: string;
  /** Whether a machine token issued to this client may manage people. */
  mayManageUsers(clientId: string): boolean;
}

/**
 * Checks that the caller holds the administrator's personal access token or a machine token: a JWT
 * access token this provider signed for the project, issued to a client allowed to manage people.
 * Zitadel lets only users with a management role call its user API; here those are the platform's
 * machine client and machine users made members with a user-managing role.
 */
export async function requireMachineToken(
  request: IncomingMessage,
  verifier: LocalJwtVerifier,
  callers: UserApiCallers,
): Promise<void> {
  const token = bearerToken(request);
  if (token === undefined) {
    throw new ZitadelError(GrpcStatus.unauthenticated, 'DEVID-auth-header-missing', 'auth header missing');
  }
  if (token === callers.personalAccessToken) return;
  const claims = await verifier.verify(token);
  if (claims === undefined) {
    throw new ZitadelError(GrpcStatus.unauthenticated, 'DEVID-token-invalid', 'Token is invalid');
  }
  if (typeof claims.client_id !== 'string' || !callers.mayManageUsers(claims.client_id)) {
    throw new ZitadelError(
      GrpcStatus.permissionDenied,
      'DEVID-no-permission',
      'No matching permissions found',
    );
  }
}
