/** Every code user-service answers with besides the platform's common ones (VALIDATION_FAILED, ...). */
export const UserErrorCode = {
  invalidDisplayName: 'INVALID_DISPLAY_NAME',
  displayNameTaken: 'DISPLAY_NAME_TAKEN',
  /** No profile has this id: the player has neither signed in nor played yet. */
  userNotFound: 'USER_NOT_FOUND',
} as const;

export type UserErrorCode = (typeof UserErrorCode)[keyof typeof UserErrorCode];
