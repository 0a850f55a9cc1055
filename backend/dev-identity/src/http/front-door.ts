import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { DEV_IDENTITY_PATHS, HEALTH_PATHS, ZITADEL_PATHS } from '../zitadel/paths.js';
import { BodyTooLargeError, sendJson } from './messages.js';

export interface FrontDoorRoutes {
  login: (request: IncomingMessage, response: ServerResponse, path: string) => Promise<void>;
  userinfo: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  isUserApiPath: (path: string) => boolean;
  userApi: (request: IncomingMessage, response: ServerResponse, path: string) => Promise<void>;
  rotateSigningKey: () => Promise<string>;
  /** The current OpenID provider's listener: a key rotation replaces it. */
  provider: () => RequestListener;
  /** The issuer's origin: the provider builds every URL it hands out from it, as Zitadel from its external domain. */
  issuer: URL;
  onError: (error: unknown) => void;
}

/**
 * oidc-provider honours `offline_access` only with `prompt=consent` (OpenID Connect Core 11);
 * Zitadel issues refresh tokens for `offline_access` alone. Adding the prompt keeps Zitadel's
 * behaviour: the consent it asks for is granted without a page (see consent.ts).
 */
function withConsentForOfflineAccess(url: URL): string | undefined {
  const scopes = url.searchParams.get('scope')?.split(' ') ?? [];
  const prompts =
    url.searchParams
      .get('prompt')
      ?.split(' ')
      .filter((prompt) => prompt !== '') ?? [];
  if (!scopes.includes('offline_access') || prompts.includes('consent') || prompts.includes('none'))
    return undefined;
  url.searchParams.set('prompt', [...prompts, 'consent'].join(' '));
  return `${url.pathname}${url.search}`;
}

/** Sends each request to the stand-in's own routes or on to oidc-provider. */
export function frontDoor(routes: FrontDoorRoutes): RequestListener {
  const dispatch = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://dev-identity.invalid');
    const path = url.pathname;
    if (HEALTH_PATHS.has(path) && request.method === 'GET') {
      sendJson(response, 200, { status: 'ok' });
    } else if (path.startsWith(DEV_IDENTITY_PATHS.loginPrefix)) {
      await routes.login(request, response, path);
    } else if (path === ZITADEL_PATHS.userinfo) {
      await routes.userinfo(request, response);
    } else if (routes.isUserApiPath(path)) {
      await routes.userApi(request, response, path);
    } else if (path === DEV_IDENTITY_PATHS.rotateSigningKey) {
      if (request.method !== 'POST') {
        sendJson(response, 405, { error: 'method_not_allowed' });
        return;
      }
      sendJson(response, 200, { signingKeyId: await routes.rotateSigningKey() });
    } else {
      if (path === ZITADEL_PATHS.authorization && request.method === 'GET') {
        request.url = withConsentForOfflineAccess(url) ?? request.url;
      }
      request.headers['x-forwarded-host'] = routes.issuer.host;
      request.headers['x-forwarded-proto'] = routes.issuer.protocol.slice(0, -1);
      routes.provider()(request, response);
    }
  };
  return (request, response) => {
    dispatch(request, response).catch((error: unknown) => {
      if (error instanceof BodyTooLargeError) {
        sendJson(response, 413, { error: 'invalid_request', error_description: error.message });
        return;
      }
      routes.onError(error);
      if (!response.headersSent) sendJson(response, 500, { error: 'server_error' });
      else response.destroy();
    });
  };
}
