import type { IncomingMessage } from 'node:http';
import { bearerToken } from '../http/messages.js';
import type { LocalJwtVerifier } from '../provider/local-jwt.js';
import { GrpcStatus, ZitadelError } from '../zitadel/errors.js';

/**
 * Checks that the caller holds a machine token: a JWT access token this provider signed for the
 * project, issued to the machine client. Zitadel lets only users with a management role call its user
 * API; here that is the platform's machine client alone.
 */
export async function requireMachineToken(
  request: IncomingMessage,
  verifier: LocalJwtVerifier,
  machineClientId: string,
): Promise<void> {
  const token = bearerToken(request);
  if (token === undefined) {
    throw new ZitadelError(GrpcStatus.unauthenticated, 'DEVID-auth-header-missing', 'auth header missing');
  }
  const claims = await verifier.verify(token);
  if (claims === undefined) {
    throw new ZitadelError(GrpcStatus.unauthenticated, 'DEVID-token-invalid', 'Token is invalid');
  }
  if (claims.client_id !== machineClientId) {
    throw new ZitadelError(
      GrpcStatus.permissionDenied,
      'DEVID-no-permission',
      'No matching permissions found',
    );
  }
}
