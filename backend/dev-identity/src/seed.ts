/**
 * What the provider seeds and where it listens by default, as plain constants: the `./seed` entry
 * point, for code that configures clients of the provider (the launcher) without loading
 * oidc-provider. It imports nothing that does.
 */
import { DEV_PROJECT_ID } from './zitadel/project.js';

export { DEV_USERS } from './users/dev-users.js';
export {
  DEV_ORGANIZATION,
  DEV_PROJECT_ID,
  DEV_PROJECT_NAME,
  PROJECT_ROLES,
  type ProjectRole,
  ROLE_DISPLAY_NAMES,
} from './zitadel/project.js';

/** Its port unless DEV_IDENTITY_PORT says otherwise. */
export const DEFAULT_DEV_IDENTITY_PORT = 3010;

/**
 * The applications registered with the stand-in, each standing for one a Zitadel project would hold.
 * Their secrets are public on purpose: development and tests only.
 */
export const DEV_CLIENTS = {
  /** The platform's web client (the gateway's sign-in): code + PKCE, refresh tokens, JWT access tokens. */
  web: { clientId: 'know-foolery-web', clientSecret: 'know-foolery-web-development-secret' },
  /** The same as `web`, with opaque access tokens (the ones introspection answers for). */
  opaqueWeb: {
    clientId: 'know-foolery-web-opaque',
    clientSecret: 'know-foolery-web-opaque-development-secret',
  },
  /** The services' machine user: client credentials, JWT access tokens; may call the user API. */
  machine: { clientId: 'know-foolery-services', clientSecret: 'know-foolery-services-development-secret' },
  /** A Zitadel "API" application: it only introspects tokens. */
  api: { clientId: 'know-foolery-api', clientSecret: 'know-foolery-api-development-secret' },
} as const;

export type DevClients = typeof DEV_CLIENTS;

/**
 * The development administrator's personal access token: the management API (projects, applications,
 * machine users) takes it, as Zitadel takes the token its first-instance setup writes for an
 * administrator. Public on purpose, like every other secret here.
 */
export const DEV_ADMIN_PAT = 'know-foolery-development-admin-personal-access-token';

/**
 * What every service reads to verify the stand-in's tokens (docs/AUTH.md): AUTH_PROVIDER=oidc, the
 * project, the sign-in clients whose tokens players bring, the machine user the services call each
 * other as (its `sub` is the machine client's id) and the API application that introspects.
 */
export function devVerifierEnv(issuer: string): Readonly<Record<string, string>> {
  const { web, opaqueWeb, machine, api } = DEV_CLIENTS;
  return {
    AUTH_PROVIDER: 'oidc',
    ZITADEL_ISSUER: issuer,
    ZITADEL_PROJECT_ID: DEV_PROJECT_ID,
    ZITADEL_USER_CLIENT_IDS: `${web.clientId},${opaqueWeb.clientId}`,
    ZITADEL_SERVICE_USERS: machine.clientId,
    ZITADEL_SERVICE_CLIENT_ID: machine.clientId,
    ZITADEL_SERVICE_CLIENT_SECRET: machine.clientSecret,
    ZITADEL_INTROSPECTION_CLIENT_ID: api.clientId,
    ZITADEL_INTROSPECTION_CLIENT_SECRET: api.clientSecret,
  };
}

/** Where the gateway's sign-in sends a browser back to, and the key that seals a pending sign-in. */
export interface DevSignInTargets {
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
  readonly stateKey: string;
}

/** What the gateway reads, besides devVerifierEnv, to sign people in as the stand-in's web client. */
export function devSignInEnv(targets: DevSignInTargets): Readonly<Record<string, string>> {
  return {
    OIDC_CLIENT_ID: DEV_CLIENTS.web.clientId,
    OIDC_CLIENT_SECRET: DEV_CLIENTS.web.clientSecret,
    OIDC_REDIRECT_URI: targets.redirectUri,
    OIDC_POST_LOGOUT_REDIRECT_URI: targets.postLogoutRedirectUri,
    OIDC_STATE_KEY: targets.stateKey,
  };
}
