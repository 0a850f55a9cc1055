/** Every code user-service answers with besides the platform's common ones (VALIDATION_FAILED, ...). */
export const UserErrorCode = {
  invalidDisplayName: 'INVALID_DISPLAY_NAME',
  displayNameTaken: 'DISPLAY_NAME_TAKEN',
} as const;

export type UserErrorCode = (typeof UserErrorCode)[keyof typeof UserErrorCode];
