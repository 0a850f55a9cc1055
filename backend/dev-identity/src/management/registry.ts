import { randomBytes } from 'node:crypto';
import type { ClientMetadata } from 'oidc-provider';
import { backendClient, signInClient } from '../provider/dev-clients.js';
import type { IdSequence } from '../users/id-sequence.js';
import type { ChangeHistory } from '../users/user-records.js';
import { GrpcStatus, ZitadelError } from '../zitadel/errors.js';

export type AccessTokenFormat = 'jwt' | 'opaque';

/** A web application people sign in through: code flow with PKCE, refresh tokens, a client secret. */
export interface OidcApplication extends ChangeHistory {
  readonly kind: 'oidc';
  readonly id: string;
  readonly name: string;
  readonly clientId: string;
  clientSecret: string;
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
  readonly accessTokenFormat: AccessTokenFormat;
}

/** An API application: it only introspects tokens. */
export interface ApiApplication extends ChangeHistory {
  readonly kind: 'api';
  readonly id: string;
  readonly name: string;
  readonly clientId: string;
  clientSecret: string;
}

export type Application = OidcApplication | ApiApplication;

/** A machine user (service account): client credentials once it has a secret; its client id is its username. */
export interface MachineUser extends ChangeHistory {
  readonly id: string;
  readonly userName: string;
  readonly name: string;
  readonly description: string;
  clientSecret: string | undefined;
  /** Its roles in the organisation (ORG_USER_MANAGER lets it manage people through the user API). */
  memberRoles: string[];
}

/** How the registry tells oidc-provider and the token settings about a client it made or changed. */
export interface ClientSink {
  register(metadata: ClientMetadata): Promise<void>;
  readonly opaqueTokenClientIds: Set<string>;
  readonly introspectionClientIds: Set<string>;
  /** Client id to user id: a machine user's client credentials tokens name the user in `sub`, as Zitadel's. */
  readonly machineSubjects: Map<string, string>;
}

/** Zitadel generates 64-character secrets. */
function newSecret(): string {
  return randomBytes(48).toString('base64url');
}

function history(now: Date): ChangeHistory {
  return { createdAt: now, changedAt: now, sequence: 1 };
}

function touch(record: ChangeHistory, now: Date): void {
  record.changedAt = now;
  record.sequence += 1;
}

/**
 * The applications and machine users made through the management API, in memory. Every client it
 * makes is registered with oidc-provider through its storage, so it signs people in (or gets client
 * credentials) as soon as Zitadel's would.
 */
export class ManagementRegistry {
  readonly #applications = new Map<string, Application>();
  readonly #machineUsers = new Map<string, MachineUser>();
  readonly #ids: IdSequence;
  readonly #clients: ClientSink;
  readonly #now: () => Date;

  constructor(ids: IdSequence, clients: ClientSink, now: () => Date = () => new Date()) {
    this.#ids = ids;
    this.#clients = clients;
    this.#now = now;
  }

  applications(): Application[] {
    return [...this.#applications.values()];
  }

  machineUsers(): MachineUser[] {
    return [...this.#machineUsers.values()];
  }

  async addOidcApplication(input: {
    name: string;
    redirectUris: readonly string[];
    postLogoutRedirectUris: readonly string[];
    accessTokenFormat: AccessTokenFormat;
  }): Promise<OidcApplication> {
    this.#checkNameFree(input.name);
    const id = this.#ids.next();
    const application: OidcApplication = {
      kind: 'oidc',
      id,
      clientId: `${id}@know-foolery`,
      clientSecret: newSecret(),
      ...input,
      ...history(this.#now()),
    };
    this.#applications.set(id, application);
    if (input.accessTokenFormat === 'opaque') this.#clients.opaqueTokenClientIds.add(application.clientId);
    await this.#clients.register(oidcClientMetadata(application));
    return application;
  }

  async addApiApplication(name: string): Promise<ApiApplication> {
    this.#checkNameFree(name);
    const id = this.#ids.next();
    const application: ApiApplication = {
      kind: 'api',
      id,
      name,
      clientId: `${id}@know-foolery`,
      clientSecret: newSecret(),
      ...history(this.#now()),
    };
    this.#applications.set(id, application);
    this.#clients.introspectionClientIds.add(application.clientId);
    await this.#clients.register(apiClientMetadata(application));
    return application;
  }

  getApplication(applicationId: string): Application {
    const application = this.#applications.get(applicationId);
    if (application === undefined) {
      throw new ZitadelError(GrpcStatus.notFound, 'DEVID-app-not-found', 'App could not be found');
    }
    return application;
  }

  /** A new secret replaces the old one at once: the old one no longer authenticates. */
  async regenerateApplicationSecret(applicationId: string, kind: Application['kind']): Promise<Application> {
    const application = this.getApplication(applicationId);
    if (application.kind !== kind) {
      throw new ZitadelError(GrpcStatus.failedPrecondition, 'DEVID-app-kind', `App is not an ${kind} app`);
    }
    application.clientSecret = newSecret();
    touch(application, this.#now());
    await this.#clients.register(
      application.kind === 'oidc' ? oidcClientMetadata(application) : apiClientMetadata(application),
    );
    return application;
  }

  addMachineUser(input: { userName: string; name: string; description: string }): MachineUser {
    if (this.findMachineUserByName(input.userName) !== undefined) {
      throw new ZitadelError(GrpcStatus.alreadyExists, 'DEVID-username-taken', 'Username is already taken');
    }
    const user: MachineUser = {
      id: this.#ids.next(),
      ...input,
      clientSecret: undefined,
      memberRoles: [],
      ...history(this.#now()),
    };
    this.#machineUsers.set(user.id, user);
    return user;
  }

  findMachineUserByName(userName: string): MachineUser | undefined {
    return this.machineUsers().find((user) => user.userName.toLowerCase() === userName.toLowerCase());
  }

  getMachineUser(userId: string): MachineUser {
    const user = this.#machineUsers.get(userId);
    if (user === undefined) {
      throw new ZitadelError(GrpcStatus.notFound, 'DEVID-user-not-found', 'User could not be found');
    }
    return user;
  }

  /** As Zitadel: a machine user has one secret; a new one overwrites it. */
  async generateMachineSecret(userId: string): Promise<MachineUser> {
    const user = this.getMachineUser(userId);
    user.clientSecret = newSecret();
    touch(user, this.#now());
    this.#clients.machineSubjects.set(user.userName, user.id);
    await this.#clients.register({
      client_id: user.userName,
      client_secret: user.clientSecret,
      redirect_uris: [],
      grant_types: ['client_credentials'],
      response_types: [],
      token_endpoint_auth_method: 'client_secret_basic',
    });
    return user;
  }

  addMember(userId: string, roles: readonly string[]): MachineUser {
    const user = this.getMachineUser(userId);
    if (user.memberRoles.length > 0) {
      throw new ZitadelError(GrpcStatus.alreadyExists, 'DEVID-member-exists', 'Member already exists');
    }
    user.memberRoles = [...new Set(roles)];
    touch(user, this.#now());
    return user;
  }

  /** Whether the client (a machine user's username) may manage the organisation's people. */
  mayManageUsers(clientId: string): boolean {
    const user = this.findMachineUserByName(clientId);
    return user?.memberRoles.some((role) => USER_MANAGER_ROLES.has(role)) ?? false;
  }

  #checkNameFree(name: string): void {
    if (this.applications().some((application) => application.name === name)) {
      throw new ZitadelError(GrpcStatus.alreadyExists, 'DEVID-app-exists', 'Application already exists');
    }
  }
}

const USER_MANAGER_ROLES: ReadonlySet<string> = new Set(['ORG_OWNER', 'ORG_USER_MANAGER']);

function oidcClientMetadata(application: OidcApplication): ClientMetadata {
  return signInClient(application, application);
}

function apiClientMetadata(application: ApiApplication): ClientMetadata {
  return backendClient(application, []);
}
