/**
 * The one organisation and project the stand-in knows. Zitadel's identifiers are 18-digit numbers
 * in strings; these keep that shape so nothing that handles them is surprised by Zitadel's.
 */
export const DEV_ORGANIZATION = {
  id: '300000000000000000',
  name: 'Know Foolery',
  primaryDomain: 'know-foolery.localhost',
} as const;

export const DEV_PROJECT_ID = '300000000000000001';
export const DEV_PROJECT_NAME = 'Know Foolery';

/** The project roles the platform checks. */
export const PROJECT_ROLES = ['player', 'admin'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

/** How Zitadel's console would show each role (a role's display name, set with the role). */
export const ROLE_DISPLAY_NAMES: Readonly<Record<ProjectRole, string>> = { player: 'Player', admin: 'Admin' };

export function isProjectRole(value: string): value is ProjectRole {
  return PROJECT_ROLES.some((role) => role === value);
}
