import type { ServiceTokenSource } from '@know-foolery/shared/auth';
import { asService, type CallContext, type ServiceClient } from '@know-foolery/shared/http-client';
import { UserLookup, type UserLookupBody } from '@know-foolery/user-service/contract';

/** Where the board finds the names of the players it ranks. */
export interface UserDirectory {
  /** Display names by user id (at most user-service's `USER_LOOKUP_MAX_IDS` a call); unknown ids are absent. */
  displayNames(ids: readonly string[], context: CallContext): Promise<ReadonlyMap<string, string>>;
}

/** user-service, called with the leaderboard's own identity: lookups are a service-only route. */
export class ServiceUserDirectory implements UserDirectory {
  readonly #client: ServiceClient;
  readonly #identity: ServiceTokenSource;

  constructor(client: ServiceClient, identity: ServiceTokenSource) {
    this.#client = client;
    this.#identity = identity;
  }

  async displayNames(ids: readonly string[], context: CallContext): Promise<ReadonlyMap<string, string>> {
    if (ids.length === 0) return new Map();
    const response = await this.#client.post('/internal/users/lookup', UserLookup, {
      context: asService(context, await this.#identity.token()),
      body: { ids: [...ids] } satisfies UserLookupBody,
      // A lookup changes nothing, so a retry is harmless.
      idempotent: true,
    });
    return new Map(response.body.users.map((user) => [user.id, user.displayName]));
  }
}
