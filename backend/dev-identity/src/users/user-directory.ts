import { GrpcStatus, ZitadelError } from '../zitadel/errors.js';
import { DEV_ORGANIZATION, isProjectRole, PROJECT_ROLES, type ProjectRole } from '../zitadel/project.js';
import { IdSequence } from './id-sequence.js';
import { hashPassword, passwordMatches } from './password-hash.js';
import type { ChangeHistory, HumanUserRecord, NewHumanUser, ProjectAuthorization } from './user-records.js';

const FIRST_GENERATED_ID = 300_000_000_000_001_000n;

function touch(history: ChangeHistory, now: Date): void {
  history.changedAt = now;
  history.sequence += 1;
}

/**
 * The stand-in's users and their project authorizations, in memory. Its refusals are the gRPC
 * statuses Zitadel answers the same requests with.
 */
export class UserDirectory {
  readonly #users = new Map<string, HumanUserRecord>();
  readonly #authorizations = new Map<string, ProjectAuthorization>();
  readonly #ids = new IdSequence(FIRST_GENERATED_ID);
  readonly #projectId: string;
  readonly #now: () => Date;

  constructor(projectId: string, now: () => Date = () => new Date()) {
    this.#projectId = projectId;
    this.#now = now;
  }

  async createHuman(input: NewHumanUser): Promise<HumanUserRecord> {
    const id = input.id ?? this.#ids.next();
    if (this.#users.has(id)) {
      throw new ZitadelError(GrpcStatus.alreadyExists, 'DEVID-user-id-taken', 'User already exists');
    }
    if (this.findByLoginName(input.username) !== undefined) {
      throw new ZitadelError(GrpcStatus.alreadyExists, 'DEVID-username-taken', 'Username is already taken');
    }
    const now = this.#now();
    const user: HumanUserRecord = {
      id,
      username: input.username,
      state: 'USER_STATE_ACTIVE',
      profile: input.profile,
      email: input.email,
      password: input.password === undefined ? undefined : await hashPassword(input.password),
      passwordChangeRequired: input.passwordChangeRequired ?? false,
      passwordChangedAt: input.password === undefined ? undefined : now,
      totpSecret: input.totpSecret,
      createdAt: now,
      changedAt: now,
      sequence: 1,
    };
    this.#users.set(id, user);
    return user;
  }

  /** Every user, in the order they were created. */
  users(): HumanUserRecord[] {
    return [...this.#users.values()];
  }

  /** Every authorization, in the order they were created. */
  authorizations(): ProjectAuthorization[] {
    return [...this.#authorizations.values()];
  }

  find(userId: string): HumanUserRecord | undefined {
    return this.#users.get(userId);
  }

  get(userId: string): HumanUserRecord {
    const user = this.#users.get(userId);
    if (user === undefined) {
      throw new ZitadelError(GrpcStatus.notFound, 'DEVID-user-not-found', 'User could not be found');
    }
    return user;
  }

  /** An active user, or undefined: a deactivated user has no sessions, tokens or userinfo. */
  findActive(userId: string): HumanUserRecord | undefined {
    const user = this.#users.get(userId);
    return user?.state === 'USER_STATE_ACTIVE' ? user : undefined;
  }

  /** Zitadel signs in by username, login name (`username@org-domain`) or email, in any case. */
  findByLoginName(loginName: string): HumanUserRecord | undefined {
    const wanted = loginName.trim().toLowerCase();
    for (const user of this.#users.values()) {
      const names = [user.username, loginNameOf(user), user.email.email].map((name) => name.toLowerCase());
      if (names.includes(wanted)) return user;
    }
    return undefined;
  }

  async passwordMatches(user: HumanUserRecord, password: string): Promise<boolean> {
    return user.password !== undefined && (await passwordMatches(user.password, password));
  }

  deactivate(userId: string): HumanUserRecord {
    const user = this.get(userId);
    if (user.state !== 'USER_STATE_ACTIVE') {
      throw new ZitadelError(
        GrpcStatus.failedPrecondition,
        'DEVID-user-not-active',
        'User is already deactivated',
      );
    }
    user.state = 'USER_STATE_INACTIVE';
    touch(user, this.#now());
    return user;
  }

  reactivate(userId: string): HumanUserRecord {
    const user = this.get(userId);
    if (user.state !== 'USER_STATE_INACTIVE') {
      throw new ZitadelError(
        GrpcStatus.failedPrecondition,
        'DEVID-user-not-inactive',
        'User is not deactivated',
      );
    }
    user.state = 'USER_STATE_ACTIVE';
    touch(user, this.#now());
    return user;
  }

  /** The user's roles in the project, in the project's order of roles. */
  rolesOf(userId: string): ProjectRole[] {
    const held = new Set<ProjectRole>();
    for (const authorization of this.#authorizations.values()) {
      if (authorization.userId === userId && authorization.projectId === this.#projectId) {
        for (const role of authorization.roleKeys) held.add(role);
      }
    }
    return PROJECT_ROLES.filter((role) => held.has(role));
  }

  authorize(input: {
    id?: string;
    userId: string;
    projectId: string;
    roleKeys: readonly string[];
  }): ProjectAuthorization {
    this.get(input.userId);
    this.#checkProject(input.projectId);
    const roleKeys = checkedRoles(input.roleKeys);
    for (const existing of this.#authorizations.values()) {
      if (existing.userId === input.userId && existing.projectId === input.projectId) {
        throw new ZitadelError(
          GrpcStatus.alreadyExists,
          'DEVID-authorization-exists',
          'The user already has an authorization for this project',
        );
      }
    }
    const now = this.#now();
    const authorization: ProjectAuthorization = {
      id: input.id ?? this.#ids.next(),
      userId: input.userId,
      projectId: input.projectId,
      roleKeys,
      createdAt: now,
      changedAt: now,
      sequence: 1,
    };
    this.#authorizations.set(authorization.id, authorization);
    return authorization;
  }

  findAuthorization(authorizationId: string): ProjectAuthorization | undefined {
    return this.#authorizations.get(authorizationId);
  }

  getAuthorization(authorizationId: string): ProjectAuthorization {
    const authorization = this.#authorizations.get(authorizationId);
    if (authorization === undefined) {
      throw new ZitadelError(
        GrpcStatus.notFound,
        'DEVID-authorization-not-found',
        'Authorization could not be found',
      );
    }
    return authorization;
  }

  /** Replaces the authorization's roles: a role left out is revoked. */
  setAuthorizationRoles(authorizationId: string, roleKeys: readonly string[]): ProjectAuthorization {
    const authorization = this.getAuthorization(authorizationId);
    authorization.roleKeys = checkedRoles(roleKeys);
    touch(authorization, this.#now());
    return authorization;
  }

  removeAuthorization(authorizationId: string): ProjectAuthorization | undefined {
    const authorization = this.#authorizations.get(authorizationId);
    this.#authorizations.delete(authorizationId);
    return authorization;
  }

  #checkProject(projectId: string): void {
    if (projectId !== this.#projectId) {
      throw new ZitadelError(GrpcStatus.notFound, 'DEVID-project-not-found', 'Project could not be found');
    }
  }
}

function checkedRoles(roleKeys: readonly string[]): ProjectRole[] {
  const roles: ProjectRole[] = [];
  for (const key of roleKeys) {
    if (!isProjectRole(key)) {
      throw new ZitadelError(
        GrpcStatus.failedPrecondition,
        'DEVID-role-not-found',
        `Role "${key}" does not exist in the project`,
      );
    }
    if (!roles.includes(key)) roles.push(key);
  }
  return roles;
}

export function loginNameOf(user: HumanUserRecord): string {
  return `${user.username}@${DEV_ORGANIZATION.primaryDomain}`;
}
