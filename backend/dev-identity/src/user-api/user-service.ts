import type { Static } from 'typebox';
import { isUsableTotpSecret } from '../users/totp.js';
import type { UserDirectory } from '../users/user-directory.js';
import type { HumanUserRecord } from '../users/user-records.js';
import { GrpcStatus, ZitadelError } from '../zitadel/errors.js';
import { DEV_ORGANIZATION } from '../zitadel/project.js';
import { AddHumanUserRequest, CreateUserRequest, EmptyRequest, parsed } from './requests.js';
import { getUserResponse, objectDetails } from './responses.js';
import { listUsers } from './user-search.js';

const DEFAULT_LANGUAGE = 'en';

/**
 * The subset of Zitadel's user service v2 the platform calls.
 * Source: https://zitadel.com/docs/apis/resources/user_service_v2 (CreateUser, GetUserByID,
 * ListUsers, DeactivateUser, ReactivateUser)
 */
export class UserService {
  readonly #directory: UserDirectory;

  constructor(directory: UserDirectory) {
    this.#directory = directory;
  }

  /** POST /v2/users/new: a human user, active at once (v2 users have no initial state). */
  async createUser(body: unknown): Promise<Record<string, string>> {
    const user = await this.#create(parsed(CreateUserRequest, body));
    return { id: user.id, creationDate: user.createdAt.toISOString() };
  }

  async #create(request: Static<typeof CreateUserRequest>): Promise<HumanUserRecord> {
    if (request.organizationId !== undefined && request.organizationId !== DEV_ORGANIZATION.id) {
      throw new ZitadelError(GrpcStatus.notFound, 'DEVID-org-not-found', 'Organisation could not be found');
    }
    const { profile, email, password, totpSecret } = request.human;
    if (totpSecret !== undefined && !isUsableTotpSecret(totpSecret)) {
      throw new ZitadelError(
        GrpcStatus.invalidArgument,
        'DEVID-totp-secret-invalid',
        'TOTP secret is not a base32 secret of at least 128 bits',
      );
    }
    return this.#directory.createHuman({
      id: request.userId,
      username: request.username ?? email.email,
      profile: {
        givenName: profile.givenName,
        familyName: profile.familyName,
        nickName: profile.nickName,
        displayName: profile.displayName ?? `${profile.givenName} ${profile.familyName}`,
        preferredLanguage: profile.preferredLanguage ?? DEFAULT_LANGUAGE,
        gender: profile.gender ?? 'GENDER_UNSPECIFIED',
      },
      email: { email: email.email, isVerified: email.isVerified ?? false },
      password: password?.password,
      passwordChangeRequired: password?.changeRequired,
      totpSecret,
    });
  }

  /** POST /v2/users/human (AddHumanUser): the same user as createUser makes, asked and answered in the older shape. */
  async addHumanUser(body: unknown): Promise<Record<string, unknown>> {
    const { organization, userId, username, profile, email, password, totpSecret } = parsed(
      AddHumanUserRequest,
      body,
    );
    const user = await this.#create({
      ...(organization === undefined ? {} : { organizationId: organization.orgId }),
      ...(userId === undefined ? {} : { userId }),
      ...(username === undefined ? {} : { username }),
      human: {
        profile,
        email,
        ...(password === undefined ? {} : { password }),
        ...(totpSecret === undefined ? {} : { totpSecret }),
      },
    });
    return { userId: user.id, details: objectDetails(user) };
  }

  /** GET /v2/users/{userId} */
  getUser(userId: string): Record<string, unknown> {
    return getUserResponse(this.#directory.get(userId));
  }

  /** POST /v2/users: a search, sorted and paged (see user-search.ts). */
  listUsers(body: unknown): Record<string, unknown> {
    return listUsers(this.#directory, body);
  }

  /** POST /v2/users/{userId}/deactivate: the user can no longer sign in or refresh tokens. */
  deactivateUser(userId: string, body: unknown): Record<string, unknown> {
    parsed(EmptyRequest, body);
    return { details: objectDetails(this.#directory.deactivate(userId)) };
  }

  /** POST /v2/users/{userId}/reactivate */
  reactivateUser(userId: string, body: unknown): Record<string, unknown> {
    parsed(EmptyRequest, body);
    return { details: objectDetails(this.#directory.reactivate(userId)) };
  }
}
