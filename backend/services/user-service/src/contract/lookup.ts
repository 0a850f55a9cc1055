import { type Static, Type } from 'typebox';
import { USER_ID_MAX_LENGTH, USER_LOOKUP_MAX_IDS } from './limits.js';

/** `/internal/users/lookup`, called with a service's own identity: leaderboard-service names its players. */

export const UserLookupBody = Type.Object(
  {
    ids: Type.Array(Type.String({ minLength: 1, maxLength: USER_ID_MAX_LENGTH }), {
      minItems: 1,
      maxItems: USER_LOOKUP_MAX_IDS,
    }),
  },
  { additionalProperties: false },
);
export type UserLookupBody = Static<typeof UserLookupBody>;

/** The players user-service knows among those asked for; an unknown id is simply absent. */
export const UserLookup = Type.Object({
  users: Type.Array(Type.Object({ id: Type.String(), displayName: Type.String() })),
});
export type UserLookup = Static<typeof UserLookup>;
