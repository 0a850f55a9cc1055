import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { publicAccess } from '@know-foolery/shared/auth';
import type { FastifyInstance } from 'fastify';
import { ASSET_CACHE_CONTROL, PAGE_CACHE_CONTROL, PAGE_CONTENT_SECURITY_POLICY } from './page-policy.js';

export const WEB_CLIENT_PAGE_PATH = '/';
export const WEB_CLIENT_ASSETS_PREFIX = '/assets/';
const PAGE_FILE = 'index.html';

/**
 * The built web client, same origin as the API: the page at `/` (it routes by the URL's fragment,
 * so no other path is the page's) and its content-hashed files under `/assets/`.
 */
export function webClientRoutes(dir: string) {
  return async (app: FastifyInstance) => {
    await app.register(fastifyStatic, {
      root: dir,
      serve: false,
      // Set only once a file is found: a 404 for an unknown asset must not be kept for a year.
      cacheControl: false,
      setHeaders: (response, path) =>
        response.setHeader(
          'cache-control',
          path === join(dir, PAGE_FILE) ? PAGE_CACHE_CONTROL : ASSET_CACHE_CONTROL,
        ),
    });
    const assetsDir = join(dir, WEB_CLIENT_ASSETS_PREFIX);

    app.get(WEB_CLIENT_PAGE_PATH, { config: { auth: publicAccess } }, (_request, reply) =>
      reply.header('content-security-policy', PAGE_CONTENT_SECURITY_POLICY).sendFile(PAGE_FILE, dir),
    );
    app.get<{ Params: { '*': string } }>(
      `${WEB_CLIENT_ASSETS_PREFIX}*`,
      { config: { auth: publicAccess } },
      (request, reply) => reply.sendFile(request.params['*'], assetsDir, { dotfiles: 'deny' }),
    );
  };
}
