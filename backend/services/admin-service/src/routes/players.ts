import { adminAccess, authenticatedUser } from '@know-foolery/shared/auth';
import { forwardFrom } from '@know-foolery/shared/http-client';
import { documented, errorResponses, INPUT_ERRORS, type ServiceApp } from '@know-foolery/shared/http-server';
import { grantAdminRole, revokeAdminRole } from '../use-cases/admin-role.js';
import { findPlayer, type PlayerAccountDeps } from '../use-cases/player-accounts.js';
import { listPlayers } from '../use-cases/player-list.js';
import { deactivatePlayer, reactivatePlayer } from '../use-cases/player-status.js';
import {
  Deactivation,
  DIRECTORY_ERRORS,
  OWN_ACCOUNT,
  PLAYER_NOT_FOUND,
  PlayerAccount,
  PlayerIdParams,
  PlayerListQuery,
  PlayerPage,
  RoleChange,
  STATE_CONFLICT,
} from './player-schemas.js';
import { ADMIN_ERRORS } from './schemas.js';

const Page = documented(PlayerPage, "A page of the project's players, and how many there are in all");
const Account = documented(PlayerAccount, "The player's account");
const Reactivated = documented(PlayerAccount, "The player's account, active again");
const Deactivated = documented(Deactivation, 'The account, deactivated, and how many of its sessions ended');
const Granted = documented(RoleChange, "The player's roles, now with admin");
const Revoked = documented(RoleChange, "The player's roles, now without admin");

/**
 * Player accounts, kept by Zitadel. A deactivation or a role change also ends the player's
 * sessions at session-service, so that it takes effect now rather than when their tokens expire.
 * Registered only where Zitadel is (AUTH_PROVIDER=oidc): with the mock nobody's account lives
 * anywhere this service could change it, and the routes do not exist (404).
 */
export function playerRoutes(players: PlayerAccountDeps) {
  return async (app: ServiceApp) => {
    const config = { auth: adminAccess };
    const tags = ['players'];
    const errors = [...ADMIN_ERRORS, INPUT_ERRORS, DIRECTORY_ERRORS, PLAYER_NOT_FOUND] as const;

    app.get(
      '/api/v1/admin/players',
      {
        config,
        schema: {
          tags,
          summary: "The project's players, oldest first, optionally those whose login name contains `q`",
          description:
            "A player is a user holding an authorization (roles) in the platform's project at Zitadel. " +
            'Machine users holding one are no players and are left out of the page.',
          operationId: 'listPlayers',
          querystring: PlayerListQuery,
          response: { 200: Page, ...errorResponses(...ADMIN_ERRORS, INPUT_ERRORS, DIRECTORY_ERRORS) },
        },
      },
      async (request) => listPlayers(players, request.query, forwardFrom(request)),
    );

    app.get(
      '/api/v1/admin/players/:id',
      {
        config,
        schema: {
          tags,
          summary: "A player's account: name, email, and whether it can sign in",
          operationId: 'getPlayer',
          params: PlayerIdParams,
          response: { 200: Account, ...errorResponses(...errors) },
        },
      },
      async (request) => findPlayer(players, request.params.id, forwardFrom(request)),
    );

    app.post(
      '/api/v1/admin/players/:id/deactivate',
      {
        config,
        schema: {
          tags,
          summary: 'Deactivate a player: they can no longer sign in, and their sessions end now',
          description:
            'Deactivating an account that already is deactivated changes nothing but ends its sessions again.',
          operationId: 'deactivatePlayer',
          params: PlayerIdParams,
          response: { 200: Deactivated, ...errorResponses(...errors, STATE_CONFLICT, OWN_ACCOUNT) },
        },
      },
      async (request) =>
        deactivatePlayer(players, request.params.id, authenticatedUser(request).id, forwardFrom(request)),
    );

    app.post(
      '/api/v1/admin/players/:id/reactivate',
      {
        config,
        schema: {
          tags,
          summary: 'Reactivate a deactivated player: they can sign in again',
          operationId: 'reactivatePlayer',
          params: PlayerIdParams,
          response: { 200: Reactivated, ...errorResponses(...errors, STATE_CONFLICT) },
        },
      },
      async (request) => reactivatePlayer(players, request.params.id, forwardFrom(request)),
    );

    app.put(
      '/api/v1/admin/players/:id/roles/admin',
      {
        config,
        schema: {
          tags,
          summary: 'Make a player an admin; their sessions end so that their next sign-in carries the role',
          description: 'A player who already is an admin is left as they are, and keeps their sessions.',
          operationId: 'grantAdminRole',
          params: PlayerIdParams,
          response: { 200: Granted, ...errorResponses(...errors, STATE_CONFLICT) },
        },
      },
      async (request) => grantAdminRole(players, request.params.id, forwardFrom(request)),
    );

    app.delete(
      '/api/v1/admin/players/:id/roles/admin',
      {
        config,
        schema: {
          tags,
          summary:
            "Take the admin role away; the player's sessions end so that no token of theirs still says admin",
          operationId: 'revokeAdminRole',
          params: PlayerIdParams,
          response: { 200: Revoked, ...errorResponses(...errors, STATE_CONFLICT, OWN_ACCOUNT) },
        },
      },
      async (request) =>
        revokeAdminRole(players, request.params.id, authenticatedUser(request).id, forwardFrom(request)),
    );
  };
}
