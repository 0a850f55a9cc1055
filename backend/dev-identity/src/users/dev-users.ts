import { DEV_ORGANIZATION, DEV_PROJECT_ID, type ProjectRole } from '../zitadel/project.js';
import type { UserDirectory } from './user-directory.js';

interface DevUser {
  readonly id: string;
  readonly username: string;
  readonly password: string;
  /** Base32 TOTP secret: the user must enter a code after the password. */
  readonly totpSecret: string | undefined;
  readonly roles: readonly ProjectRole[];
  readonly givenName: string;
  readonly familyName: string;
  readonly email: string;
}

/**
 * The seeded development users. Their passwords and the admin's TOTP secret are public on purpose:
 * this provider only ever runs on a developer's machine and in tests.
 */
export const DEV_USERS = {
  player: {
    id: '300000000000000101',
    username: 'player',
    password: 'player-password',
    totpSecret: undefined,
    roles: ['player'],
    givenName: 'Pat',
    familyName: 'Player',
    email: `player@${DEV_ORGANIZATION.primaryDomain}`,
  },
  admin: {
    id: '300000000000000102',
    username: 'admin',
    password: 'admin-password',
    totpSecret: 'KNOWFOOLERYDEVADMINTOTPSECRET234',
    roles: ['player', 'admin'],
    givenName: 'Ada',
    familyName: 'Admin',
    email: `admin@${DEV_ORGANIZATION.primaryDomain}`,
  },
} as const satisfies Record<string, DevUser>;

export async function seedDevUsers(directory: UserDirectory): Promise<void> {
  for (const user of Object.values(DEV_USERS)) {
    await directory.createHuman({
      id: user.id,
      username: user.username,
      profile: {
        givenName: user.givenName,
        familyName: user.familyName,
        nickName: undefined,
        displayName: `${user.givenName} ${user.familyName}`,
        preferredLanguage: 'en',
        gender: 'GENDER_UNSPECIFIED',
      },
      email: { email: user.email, isVerified: true },
      password: user.password,
      totpSecret: user.totpSecret,
    });
    directory.authorize({ userId: user.id, projectId: DEV_PROJECT_ID, roleKeys: user.roles });
  }
}
