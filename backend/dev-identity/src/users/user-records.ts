import type { ProjectRole } from '../zitadel/project.js';
import type { PasswordHash } from './password-hash.js';

/**
 * A human user as Zitadel's user service v2 describes one.
 * Source: https://zitadel.com/docs/apis/resources/user_service_v2/user-service-get-user-by-id
 */
export type UserState = 'USER_STATE_ACTIVE' | 'USER_STATE_INACTIVE';
export const GENDERS = ['GENDER_UNSPECIFIED', 'GENDER_FEMALE', 'GENDER_MALE', 'GENDER_DIVERSE'] as const;
export type Gender = (typeof GENDERS)[number];

export interface HumanProfile {
  givenName: string;
  familyName: string;
  nickName: string | undefined;
  displayName: string;
  preferredLanguage: string;
  gender: Gender;
}

export interface HumanEmail {
  email: string;
  isVerified: boolean;
}

/** When an object was made and last changed, and how many changes it has seen (Zitadel's sequence). */
export interface ChangeHistory {
  readonly createdAt: Date;
  changedAt: Date;
  sequence: number;
}

export interface HumanUserRecord extends ChangeHistory {
  readonly id: string;
  readonly username: string;
  state: UserState;
  profile: HumanProfile;
  email: HumanEmail;
  password: PasswordHash | undefined;
  passwordChangeRequired: boolean;
  passwordChangedAt: Date | undefined;
  totpSecret: string | undefined;
}

export interface NewHumanUser {
  id?: string | undefined;
  username: string;
  profile: HumanProfile;
  email: HumanEmail;
  password?: string | undefined;
  passwordChangeRequired?: boolean | undefined;
  totpSecret?: string | undefined;
}

/**
 * A user's roles in a project: Zitadel's "authorization" (formerly "user grant").
 * Source: https://zitadel.com/docs/reference/api/authorization/zitadel.authorization.v2.AuthorizationService.CreateAuthorization
 */
export interface ProjectAuthorization extends ChangeHistory {
  readonly id: string;
  readonly userId: string;
  readonly projectId: string;
  roleKeys: ProjectRole[];
}
