/**
 * What the provider seeds and where it listens by default, as plain constants: the `./seed` entry
 * point, for code that configures clients of the provider (the launcher) without loading
 * oidc-provider. It imports nothing that does.
 */
export { DEV_ORGANIZATION, DEV_PROJECT_ID } from './zitadel/project.js';

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
