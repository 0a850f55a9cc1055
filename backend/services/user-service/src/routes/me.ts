import { authenticatedUser, playerAccess } from '@know-foolery/shared/auth';
import {
  AUTHENTICATED_ERRORS,
  documented,
  errorResponses,
  JSON_BODY_ERRORS,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import { UserErrorCode } from '../contract/error-codes.js';
import { Profile, ProfileUpdate } from '../contract/profiles.js';
import type { UserProfile } from '../data/user-repository.js';
import { changeDisplayName, ensureProfile, type ProfileDeps } from '../use-cases/profiles.js';

const PROFILE_EXAMPLE = {
  id: 'ann',
  displayName: 'Ann',
  roles: ['player'],
  createdAt: '2026-11-25T10:00:00.000Z',
  updatedAt: '2026-11-25T10:00:00.000Z',
};

export function meRoutes(deps: ProfileDeps) {
  return async (app: ServiceApp) => {
    app.get(
      '/api/v1/me',
      {
        config: { auth: playerAccess },
        schema: {
          tags: ['users'],
          summary: "The caller's profile (created on first use)",
          operationId: 'getProfile',
          response: {
            200: documented(Profile, 'The profile', [PROFILE_EXAMPLE]),
            ...errorResponses(AUTHENTICATED_ERRORS),
          },
        },
      },
      async (request) => {
        const user = authenticatedUser(request);
        return profileBody(await ensureProfile(deps, user), user.roles);
      },
    );

    app.patch(
      '/api/v1/me',
      {
        config: { auth: playerAccess },
        schema: {
          tags: ['users'],
          summary: "Change the caller's display name",
          description: 'The name is normalized (spaces trimmed and collapsed) and must be free.',
          operationId: 'updateProfile',
          body: documented(ProfileUpdate, 'The new display name', [{ displayName: 'Ann' }]),
          response: {
            200: documented(Profile, 'The profile, renamed', [PROFILE_EXAMPLE]),
            ...errorResponses(AUTHENTICATED_ERRORS, JSON_BODY_ERRORS, {
              400: [UserErrorCode.invalidDisplayName],
              409: [UserErrorCode.displayNameTaken],
            }),
          },
        },
      },
      async (request) => {
        const user = authenticatedUser(request);
        return profileBody(await changeDisplayName(deps, user, request.body.displayName), user.roles);
      },
    );
  };
}

function profileBody(profile: UserProfile, roles: readonly string[]): Profile {
  return {
    id: profile.id,
    displayName: profile.displayName,
    roles: [...roles],
    createdAt: profile.createdAt.toISOString(),
    updatedAt: profile.updatedAt.toISOString(),
  };
}
