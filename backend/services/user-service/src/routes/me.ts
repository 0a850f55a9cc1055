import { authenticatedUser, playerAccess } from '@know-foolery/shared/auth';
import { errorResponses, type ServiceApp } from '@know-foolery/shared/http-server';
import { Profile, ProfileUpdate } from '../contract/profiles.js';
import type { UserProfile } from '../data/user-repository.js';
import { changeDisplayName, ensureProfile, type ProfileDeps } from '../use-cases/profiles.js';

export function meRoutes(deps: ProfileDeps) {
  return async (app: ServiceApp) => {
    app.get(
      '/api/v1/me',
      {
        config: { auth: playerAccess },
        schema: {
          tags: ['users'],
          summary: "The caller's profile (created on first use)",
          response: { 200: Profile, ...errorResponses(401, 403) },
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
          body: ProfileUpdate,
          response: { 200: Profile, ...errorResponses(400, 401, 403, 409) },
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
