import { type Static, Type } from 'typebox';
import { DISPLAY_NAME_MAX } from '../domain/display-name.js';

/** `/api/v1/me`, called with the player's own token: game-service calls it to create the profile. */

export const Profile = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Profile = Static<typeof Profile>;

/** As typed: user-service normalizes the name and refuses one outside its rules. */
export const ProfileUpdate = Type.Object(
  { displayName: Type.String({ minLength: 1, maxLength: DISPLAY_NAME_MAX * 4 }) },
  { additionalProperties: false },
);
export type ProfileUpdate = Static<typeof ProfileUpdate>;
