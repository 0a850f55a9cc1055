import { MAPPABLE_ROLES } from '@know-foolery/shared/config';
import { type Static, Type } from 'typebox';
import { ACCOUNT_STATES } from '../clients/user-directory.js';
import { AdminErrorCode } from '../contract/error-codes.js';

/**
 * A Zitadel user id: 18 digits there, any id of these characters in general. Fastify refuses a path
 * parameter longer than 100 characters before any route (414), within session-service's bound of 128.
 */
export const PlayerIdParams = Type.Object(
  { id: Type.String({ minLength: 1, maxLength: 100, pattern: '^[0-9A-Za-z_-]+$' }) },
  { additionalProperties: false },
);
export type PlayerIdParams = Static<typeof PlayerIdParams>;

export const PlayerAccount = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  emailVerified: Type.Boolean(),
  state: Type.Enum([...ACCOUNT_STATES], { description: 'Only an `active` account can sign in' }),
});

const PlatformRoles = (description: string) => Type.Array(Type.Enum([...MAPPABLE_ROLES]), { description });

/** Bounds of the list of players: Zitadel answers at most 1000 a call; an admin reads a page at a time. */
export const PLAYER_LIST_LIMITS = { defaultLimit: 20, maxLimit: 100, maxOffset: 1_000_000 } as const;

export const PlayerListQuery = Type.Object(
  {
    limit: Type.Integer({
      minimum: 1,
      maximum: PLAYER_LIST_LIMITS.maxLimit,
      default: PLAYER_LIST_LIMITS.defaultLimit,
    }),
    offset: Type.Integer({ minimum: 0, maximum: PLAYER_LIST_LIMITS.maxOffset, default: 0 }),
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'Only players whose login name (their username) contains this text, in any case',
      }),
    ),
  },
  { additionalProperties: false },
);
export type PlayerListQuery = Static<typeof PlayerListQuery>;

export const ListedPlayer = Type.Object({
  ...PlayerAccount.properties,
  roles: PlatformRoles("The platform roles the player's project authorization gives"),
});

export const PlayerPage = Type.Object({
  items: Type.Array(ListedPlayer),
  total: Type.Integer({
    minimum: 0,
    description: "How many of the project's authorizations match: each normally a player of its own",
  }),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

export const Deactivation = Type.Object({
  player: PlayerAccount,
  sessionsEnded: Type.Integer({ minimum: 0, description: "How many of the player's sessions ended" }),
});

export const RoleChange = Type.Object({
  player: PlayerAccount,
  roles: PlatformRoles("The platform roles the player's next sign-in carries"),
  sessionsEnded: Type.Integer({
    minimum: 0,
    description: "How many of the player's sessions ended, so that their next token carries the change",
  }),
});

/** What every player route may answer besides the platform's own: Zitadel refusing the platform. */
export const DIRECTORY_ERRORS = {
  502: [AdminErrorCode.userDirectoryRefused],
};

export const PLAYER_NOT_FOUND = { 404: [AdminErrorCode.playerNotFound] };

export const STATE_CONFLICT = { 409: [AdminErrorCode.playerStateConflict] };

export const OWN_ACCOUNT = { 403: [AdminErrorCode.ownAccountProtected] };
