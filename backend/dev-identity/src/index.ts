export { DEV_CLIENTS, type DevClients } from './seed.js';
export { type DevIdentityOptions, type DevIdentityProvider, startDevIdentityProvider } from './server.js';
export { type ProvisionedUser, type UserProvisioner, userProvisioner } from './user-api/provisioning.js';
export {
  createHumanUser,
  grantProjectRoles,
  type NewHumanUser,
  type UserApiAccess,
} from './user-api/user-api-client.js';
export { DEV_USERS } from './users/dev-users.js';
export { totpCode } from './users/totp.js';
export { projectRolesClaim, ROLES_CLAIM } from './zitadel/claims.js';
export { DEV_IDENTITY_PATHS, ZITADEL_PATHS } from './zitadel/paths.js';
export { DEV_ORGANIZATION, DEV_PROJECT_ID, PROJECT_ROLES, type ProjectRole } from './zitadel/project.js';
