import type { ServiceTokenSource } from '@know-foolery/shared/auth';
import { AppError } from '@know-foolery/shared/errors';
import { asService, type CallContext, type ServiceClient } from '@know-foolery/shared/http-client';
import { Type } from 'typebox';
import { Value } from 'typebox/value';

/** Where the board finds the names of the players it ranks. */
export interface UserDirectory {
  /** Display names by user id (at most 200 ids a call); ids the directory does not know are absent. */
  displayNames(ids: readonly string[], context: CallContext): Promise<ReadonlyMap<string, string>>;
}

const LookupResponse = Type.Object({
  users: Type.Array(Type.Object({ id: Type.String(), displayName: Type.String() })),
});

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
    const response = await this.#client.post<unknown>('/internal/users/lookup', {
      context: asService(context, await this.#identity.token()),
      body: { ids },
      // A lookup changes nothing, so a retry is harmless.
      idempotent: true,
    });
    if (!Value.Check(LookupResponse, response.body)) {
      throw new AppError(
        502,
        'UPSTREAM_INVALID_RESPONSE',
        `${this.#client.name} answered in an unexpected shape`,
      );
    }
    return new Map(response.body.users.map((user) => [user.id, user.displayName]));
  }
}
