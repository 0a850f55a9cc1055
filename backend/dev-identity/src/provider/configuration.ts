import Provider, {
  type ClientMetadata,
  type Configuration,
  errors,
  type ResourceServer,
} from 'oidc-provider';
import { errorPage, logoutPage, signedOutPage } from '../interactions/pages.js';
import type { UserDirectory } from '../users/user-directory.js';
import { claimsByScope, rolesClaims, STANDARD_SCOPES, zitadelScopes } from '../zitadel/claims.js';
import { DEV_IDENTITY_PATHS, ZITADEL_PATHS } from '../zitadel/paths.js';
import { accountClaims } from './account-claims.js';
import type { MemoryStore } from './memory-adapter.js';
import { SIGNING_ALGORITHM, type SigningJwk } from './signing-keys.js';

export interface ProviderSettings {
  issuer: string;
  projectId: string;
  directory: UserDirectory;
  store: MemoryStore;
  cookieKeys: string[];
  clients: ClientMetadata[];
  /** Clients whose access tokens are opaque (and so answered by introspection); the others get JWTs. */
  opaqueTokenClientIds: ReadonlySet<string>;
  /** The API applications allowed to introspect every client's tokens. */
  introspectionClientIds: ReadonlySet<string>;
  /** Machine users' client ids to their user ids: their client credentials tokens name the user in `sub`. */
  machineSubjects: ReadonlyMap<string, string>;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
}

const INTERACTION_TTL_SECONDS = 10 * 60;
const AUTHORIZATION_CODE_TTL_SECONDS = 60;

/**
 * Every access token is bound to the project, the way Zitadel's are. oidc-provider needs a resource
 * indicator (an absolute URI) for that; the audience it stands for is the project id.
 */
export function projectResourceIndicator(projectId: string): string {
  return `urn:zitadel:iam:org:project:id:${projectId}`;
}

/**
 * oidc-provider configured as Zitadel behaves where the platform touches it: Zitadel's paths, code
 * flow with PKCE, refresh tokens rotated on use, project-bound access tokens carrying the roles
 * claims, and a login run by the stand-in's own pages.
 */
export function buildProvider(settings: ProviderSettings, keys: { keys: SigningJwk[] }): Provider {
  const { directory, projectId } = settings;
  const resource = projectResourceIndicator(projectId);
  const scopes = [...STANDARD_SCOPES, ...zitadelScopes(projectId)];
  const signingKeyId = keys.keys[0]?.kid;

  const configuration: Configuration = {
    adapter: (model: string) => settings.store.adapterFor(model),
    clients: settings.clients,
    jwks: { keys: keys.keys },
    cookies: { keys: settings.cookieKeys },
    routes: {
      authorization: ZITADEL_PATHS.authorization,
      token: ZITADEL_PATHS.token,
      introspection: ZITADEL_PATHS.introspection,
      revocation: ZITADEL_PATHS.revocation,
      jwks: ZITADEL_PATHS.jwks,
      userinfo: ZITADEL_PATHS.userinfo,
      end_session: ZITADEL_PATHS.endSession,
    },
    scopes,
    claims: claimsByScope(projectId),
    async findAccount(_ctx, sub) {
      const user = directory.findActive(sub);
      if (user === undefined) return undefined;
      return { accountId: user.id, claims: () => accountClaims(user, directory.rolesOf(user.id), projectId) };
    },
    async extraTokenClaims(_ctx, token) {
      if (!('accountId' in token) || typeof token.accountId !== 'string') return undefined;
      return rolesClaims(projectId, directory.rolesOf(token.accountId));
    },
    formats: {
      customizers: {
        // Zitadel's JWT access tokens name both the project and the client in `aud`.
        jwt(_ctx, token, parts) {
          parts.payload.aud = [projectId, token.clientId];
          const machineUserId =
            token.clientId === undefined ? undefined : settings.machineSubjects.get(token.clientId);
          if (token.kind === 'ClientCredentials' && machineUserId !== undefined)
            parts.payload.sub = machineUserId;
        },
      },
    },
    features: {
      devInteractions: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      clientCredentials: { enabled: true },
      // The front door answers userinfo itself (see userinfo.ts); enabled here so discovery names it.
      userinfo: { enabled: true },
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      introspection: {
        enabled: true,
        // As Zitadel: a deactivated user's tokens are inactive; an API application may introspect any token.
        async allowedPolicy(_ctx, client, token) {
          if (
            'accountId' in token &&
            typeof token.accountId === 'string' &&
            !directory.findActive(token.accountId)
          ) {
            return false;
          }
          return settings.introspectionClientIds.has(client.clientId) || client.clientId === token.clientId;
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => resource,
        useGrantedResource: async () => true,
        async getResourceServerInfo(_ctx, indicator, client): Promise<ResourceServer> {
          if (indicator !== resource) throw new errors.InvalidTarget();
          return {
            scope: scopes.join(' '),
            audience: projectId,
            accessTokenTTL: settings.accessTokenTtlSeconds,
            accessTokenFormat: settings.opaqueTokenClientIds.has(client.clientId) ? 'opaque' : 'jwt',
            jwt: { sign: { alg: SIGNING_ALGORITHM, kid: signingKeyId } },
          };
        },
      },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx, form) {
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource(ctx) {
          ctx.type = 'html';
          ctx.body = signedOutPage();
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `${DEV_IDENTITY_PATHS.loginPrefix}${interaction.uid}` },
    pkce: { required: () => true },
    rotateRefreshToken: true,
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: settings.accessTokenTtlSeconds,
      ClientCredentials: settings.accessTokenTtlSeconds,
      IdToken: settings.accessTokenTtlSeconds,
      AuthorizationCode: AUTHORIZATION_CODE_TTL_SECONDS,
      RefreshToken: settings.refreshTokenTtlSeconds,
      Grant: settings.refreshTokenTtlSeconds,
      Session: settings.refreshTokenTtlSeconds,
      Interaction: INTERACTION_TTL_SECONDS,
    },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorPage(out.error, out.error_description);
    },
  };
  const provider = new Provider(settings.issuer, configuration);
  // The front door sets X-Forwarded-Host and -Proto to the issuer's, whatever address the request came to.
  provider.proxy = true;
  return provider;
}
