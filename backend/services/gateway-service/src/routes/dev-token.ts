import { publicAccess, type TokenIssuer } from '@know-foolery/shared/auth';
import {
  documented,
  errorResponses,
  JSON_BODY_ERRORS,
  type ServiceApp,
} from '@know-foolery/shared/http-server';
import { Type } from 'typebox';

const TokenFields = Type.Object(
  {
    sub: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:@-]+$' }),
    roles: Type.Array(Type.Enum(['player', 'admin']), {
      minItems: 1,
      maxItems: 2,
      uniqueItems: true,
    }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

const TokenRequest = documented(TokenFields, 'Who the token is for, and their roles', [
  { sub: 'ann', roles: ['player'], name: 'Ann' },
]);

const TokenResponse = documented(
  Type.Object({
    accessToken: Type.String(),
    tokenType: Type.Literal('Bearer'),
    expiresAt: Type.String({ format: 'date-time' }),
  }),
  'The token: send it as `Authorization: Bearer <accessToken>`',
  [
    {
      accessToken: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbm4ifQ.c2lnbmF0dXJl',
      tokenType: 'Bearer',
      expiresAt: '2026-11-25T11:00:00.000Z',
    },
  ],
);

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
          operationId: 'issueDevToken',
          security: [],
          body: TokenRequest,
          response: { 201: TokenResponse, ...errorResponses(JSON_BODY_ERRORS) },
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
