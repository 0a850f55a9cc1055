import { serviceAccess } from '@know-foolery/shared/auth';
import {
  AUTHENTICATED_ERRORS,
  errorResponses,
  INPUT_ERRORS,
  JSON_BODY_ERRORS,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import { UserErrorCode } from '../contract/error-codes.js';
import {
  IDENTITY_PROFILE_ROUTE,
  IdentityProfile,
  IdentityProfileBody,
  UserIdParams,
} from '../contract/identity-profile.js';
import type { UserProfile } from '../data/user-repository.js';
import { identityProfileOf, refreshIdentityProfile } from '../use-cases/identity-profiles.js';
import type { ProfileDeps } from '../use-cases/profiles.js';

function identityProfileBody(profile: UserProfile): IdentityProfile {
  const { identity } = profile;
  return {
    id: profile.id,
    displayName: profile.displayName,
    name: identity?.name ?? null,
    preferredUsername: identity?.preferredUsername ?? null,
    email: identity?.email ?? null,
    emailVerified: identity?.emailVerified ?? null,
    locale: identity?.locale ?? null,
    refreshedAt: identity?.refreshedAt.toISOString() ?? null,
  };
}

/**
 * What the identity provider says of a player, kept with their profile: the gateway hands it over
 * at each sign-in (with its own identity); services read it back. The gateway never routes here.
 */
export function identityProfileRoutes(deps: ProfileDeps) {
  return async (app: ServiceApp) => {
    const tags = ['internal'];

    app.put(
      IDENTITY_PROFILE_ROUTE,
      {
        config: { auth: serviceAccess },
        schema: {
          tags,
          summary: "Create or refresh a player's profile with what the identity provider said at sign-in",
          description:
            'Replaces the name, username, email, its verification and locale; a new profile gets a display name made from the name. An existing display name is the player’s and stays. 201 when the profile was created.',
          operationId: 'refreshIdentityProfile',
          params: UserIdParams,
          body: IdentityProfileBody,
          response: {
            200: IdentityProfile,
            201: IdentityProfile,
            ...errorResponses(AUTHENTICATED_ERRORS, JSON_BODY_ERRORS),
          },
        },
      },
      async (request, reply) => {
        const { profile, created } = await refreshIdentityProfile(deps, request.params.userId, request.body);
        return reply.code(created ? 201 : 200).send(identityProfileBody(profile));
      },
    );

    app.get(
      IDENTITY_PROFILE_ROUTE,
      {
        config: { auth: serviceAccess },
        schema: {
          tags,
          summary: 'A player’s profile with what the identity provider last said of them',
          operationId: 'getIdentityProfile',
          params: UserIdParams,
          response: {
            200: IdentityProfile,
            ...errorResponses(AUTHENTICATED_ERRORS, INPUT_ERRORS, { 404: [UserErrorCode.userNotFound] }),
          },
        },
      },
      async (request) => identityProfileBody(await identityProfileOf(deps, request.params.userId)),
    );
  };
}
