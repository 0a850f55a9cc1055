import type { CallContext } from '@know-foolery/shared/http-client';

/** Where a player's account stands at the identity provider; only `active` accounts can sign in. */
export const ACCOUNT_STATES = ['active', 'inactive', 'locked', 'initial', 'deleted', 'unspecified'] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];

/** A person's account, as the identity provider holds it. */
export interface DirectoryUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly emailVerified: boolean;
  readonly state: AccountState;
  /** The organisation the user belongs to: where a first authorization of theirs is created. */
  readonly organizationId: string;
}

/** A user's roles in the platform's project: Zitadel's "authorization" (formerly "user grant"). */
export interface ProjectAuthorization {
  readonly id: string;
  /** The identity provider's role keys (ZITADEL_ROLE_MAP turns them into platform roles). */
  readonly roleKeys: readonly string[];
}

/** An authorization in the project, with the user it is given to. */
export interface UserAuthorization extends ProjectAuthorization {
  readonly userId: string;
}

/** Which of the project's authorizations to list: a page, in the order they were given. */
export interface AuthorizationSearch {
  readonly offset: number;
  readonly limit: number;
  /** Only users whose login name contains this text, in any case. */
  readonly loginNameContains?: string | undefined;
}

export interface AuthorizationPage {
  readonly authorizations: readonly UserAuthorization[];
  /** How many authorizations the search matches in all. */
  readonly total: number;
}

/**
 * What the platform asks of the identity provider about people. Every call is made as the
 * platform's machine user, never with the admin's own token; the context carries the request id.
 */
export interface UserDirectory {
  /** A human user; a machine user or an unknown id is 404 PLAYER_NOT_FOUND. */
  getUser(userId: string, context: CallContext): Promise<DirectoryUser>;
  deactivateUser(userId: string, context: CallContext): Promise<void>;
  reactivateUser(userId: string, context: CallContext): Promise<void>;
  /** The human users of these ids; ids of machine users, and ids it does not know, are left out. */
  findUsers(userIds: readonly string[], context: CallContext): Promise<DirectoryUser[]>;
  /** The user's authorizations in the platform's project. */
  projectAuthorizations(userId: string, context: CallContext): Promise<ProjectAuthorization[]>;
  /** A page of the authorizations given in the platform's project, oldest first. */
  listProjectAuthorizations(search: AuthorizationSearch, context: CallContext): Promise<AuthorizationPage>;
  createAuthorization(
    user: Pick<DirectoryUser, 'id' | 'organizationId'>,
    roleKeys: readonly string[],
    context: CallContext,
  ): Promise<ProjectAuthorization>;
  /** Replaces the authorization's roles: a role left out is revoked. */
  updateAuthorization(
    authorizationId: string,
    roleKeys: readonly string[],
    context: CallContext,
  ): Promise<void>;
  deleteAuthorization(authorizationId: string, context: CallContext): Promise<void>;
}
