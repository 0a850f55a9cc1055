import { publicAccess, type TokenIssuer } from '@know-foolery/shared/auth';
import { errorResponses, type ServiceApp } from '@know-foolery/shared/http-server';
import { Type } from 'typebox';

const TokenRequest = Type.Object(
  {
    sub: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:@-]+$' }),
    roles: Type.Array(Type.Union([Type.Literal('player'), Type.Literal('admin')]), {
      minItems: 1,
      maxItems: 2,
      uniqueItems: true,
    }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

const TokenResponse = Type.Object({
  accessToken: Type.String(),
  tokenType: Type.Literal('Bearer'),
  expiresAt: Type.String({ format: 'date-time' }),
});

/**
 * Development only: a signed mock token for any subject, so the API can be tried without an
 * identity provider. It is never registered in production or with a real provider, and never
 * issues the `service` role.
 */
export function devTokenRoute(issuer: TokenIssuer) {
  return async (app: ServiceApp) => {
    app.post(
      '/api/v1/dev/token',
      {
        config: { auth: publicAccess },
        schema: {
          tags: ['development'],
          summary: 'Issue a development token (mock provider, not in production)',
          security: [],
          body: TokenRequest,
          response: { 201: TokenResponse, ...errorResponses(400, 429) },
        },
      },
      async (request, reply) => {
        const { sub, roles, name } = request.body;
        const issued = await issuer.issueToken({ subject: sub, roles, name });
        return reply.status(201).send({ ...issued, expiresAt: issued.expiresAt.toISOString() });
      },
    );
  };
}
