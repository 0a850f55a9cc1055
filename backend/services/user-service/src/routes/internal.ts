import { serviceAccess } from '@know-foolery/shared/auth';
import {
  AUTHENTICATED_ERRORS,
  errorResponses,
  JSON_BODY_ERRORS,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import { UserLookup, UserLookupBody } from '../contract/lookup.js';
import { lookupProfiles, type ProfileDeps } from '../use-cases/profiles.js';

/** Calls other services make with their own identity; the gateway never routes here. */
export function internalRoutes(deps: ProfileDeps) {
  return async (app: ServiceApp) => {
    app.post(
      '/internal/users/lookup',
      {
        config: { auth: serviceAccess },
        schema: {
          tags: ['internal'],
          body: UserLookupBody,
          response: { 200: UserLookup, ...errorResponses(AUTHENTICATED_ERRORS, JSON_BODY_ERRORS) },
        },
      },
      async (request) => {
        const profiles = await lookupProfiles(deps, request.body.ids);
        return { users: profiles.map(({ id, displayName }) => ({ id, displayName })) };
      },
    );
  };
}
