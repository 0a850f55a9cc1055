import { type AuthComponents, serviceIdentity } from '@know-foolery/shared/auth';
import { ServiceClient } from '@know-foolery/shared/http-client';
import { httpPlayerSessions } from './clients/player-sessions.js';
import { ZitadelUserDirectory } from './clients/zitadel/zitadel-user-directory.js';
import type { AdminServiceConfig } from './config.js';
import { ProjectRoles } from './domain/project-roles.js';
import type { PlayerAccountDeps } from './use-cases/player-accounts.js';

/** Player management calls are rare: a few connections to each of its owners are plenty. */
const PLAYER_CALL_CONNECTIONS = 4;

export interface PlayerManagement {
  readonly deps: PlayerAccountDeps;
  readonly clients: Readonly<Record<string, ServiceClient>>;
}

/**
 * Player accounts live in Zitadel (AUTH_PROVIDER=oidc); with the mock provider there are none. Both
 * Zitadel and session-service are called as admin-service's machine user, never with the admin's
 * token: Zitadel's user API takes a machine user's, session-service's route a service's.
 */
export function playerManagement(config: AdminServiceConfig, auth: AuthComponents): PlayerManagement | null {
  if (config.auth.provider !== 'oidc') return null;
  const { oidc } = config.auth;
  const identity = serviceIdentity(auth, 'admin');
  const zitadel = new ServiceClient({
    name: 'zitadel',
    baseUrl: config.zitadelApiUrl ?? new URL(oidc.issuer).origin,
    config: config.serviceClient,
    connections: PLAYER_CALL_CONNECTIONS,
  });
  const sessionService = new ServiceClient({
    name: 'session-service',
    baseUrl: config.sessionServiceUrl,
    config: config.serviceClient,
    connections: PLAYER_CALL_CONNECTIONS,
  });
  return {
    deps: {
      users: new ZitadelUserDirectory({ client: zitadel, tokens: identity, projectId: oidc.projectId }),
      sessions: httpPlayerSessions(sessionService, identity),
      roles: new ProjectRoles(oidc.roleMap),
    },
    clients: { zitadel, 'session-service': sessionService },
  };
}
