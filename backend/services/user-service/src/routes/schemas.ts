import { Type } from 'typebox';
import type { UserProfile } from '../data/user-repository.js';
import { DISPLAY_NAME_MAX } from '../domain/display-name.js';

export const Profile = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const ProfileUpdate = Type.Object(
  { displayName: Type.String({ minLength: 1, maxLength: DISPLAY_NAME_MAX * 4 }) },
  { additionalProperties: false },
);

export const LookupRequest = Type.Object(
  { ids: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { minItems: 1, maxItems: 200 }) },
  { additionalProperties: false },
);

export const LookupResponse = Type.Object({
  users: Type.Array(Type.Object({ id: Type.String(), displayName: Type.String() })),
});

export function profileBody(profile: UserProfile, roles: readonly string[]) {
  return {
    id: profile.id,
    displayName: profile.displayName,
    roles: [...roles],
    createdAt: profile.createdAt.toISOString(),
    updatedAt: profile.updatedAt.toISOString(),
  };
}
