import { loginNameOf } from '../users/user-directory.js';
import type { ChangeHistory, HumanUserRecord } from '../users/user-records.js';
import { DEV_ORGANIZATION } from '../zitadel/project.js';

/**
 * Zitadel's object details: int64 sequences are strings in its JSON, timestamps RFC 3339.
 * Source: https://zitadel.com/docs/apis/resources/user_service/user-service-deactivate-user
 */
export function objectDetails(history: ChangeHistory): Record<string, string> {
  return {
    sequence: String(history.sequence),
    creationDate: history.createdAt.toISOString(),
    changeDate: history.changedAt.toISOString(),
    resourceOwner: DEV_ORGANIZATION.id,
  };
}

/**
 * A human user as the user service v2 shows one (GetUserByID's `user`, ListUsers' `result`).
 * Sources: https://zitadel.com/docs/apis/resources/user_service_v2/user-service-get-user-by-id,
 * zitadel/zitadel proto/zitadel/user/v2/user.proto (User, HumanUser, HumanProfile)
 */
export function userResponse(user: HumanUserRecord): Record<string, unknown> {
  const loginName = loginNameOf(user);
  const identity = {
    userId: user.id,
    state: user.state,
    username: user.username,
    loginNames: [loginName],
    preferredLoginName: loginName,
  };
  return {
    ...identity,
    details: objectDetails(user),
    human: {
      ...identity,
      profile: {
        givenName: user.profile.givenName,
        familyName: user.profile.familyName,
        nickName: user.profile.nickName,
        displayName: user.profile.displayName,
        preferredLanguage: user.profile.preferredLanguage,
        gender: user.profile.gender,
        avatarUrl: '',
      },
      email: { email: user.email.email, isVerified: user.email.isVerified },
      phone: {},
      passwordChangeRequired: user.passwordChangeRequired,
      passwordChanged: user.passwordChangedAt?.toISOString(),
    },
  };
}

/** GetUserByID's answer: the user, and (deprecated there) their details beside it. */
export function getUserResponse(user: HumanUserRecord): Record<string, unknown> {
  return { details: objectDetails(user), user: userResponse(user) };
}
