import { firstDeparture, matchesSchema } from '@know-foolery/shared/validation';
import { type Static, type TSchema, Type } from 'typebox';
import { GENDERS } from '../users/user-records.js';
import { GrpcStatus, ZitadelError } from '../zitadel/errors.js';

const Name = Type.String({ minLength: 1, maxLength: 200 });
const OptionalText = Type.Optional(Type.String({ maxLength: 200 }));
const RoleKeys = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 });

/**
 * CreateUser's human user, the parts the stand-in keeps (a field it does not know is refused).
 * Sources: https://zitadel.com/docs/reference/api/user/zitadel.user.v2.UserService.CreateUser,
 * zitadel/zitadel proto/zitadel/user/v2/user.proto (SetHumanProfile)
 */
export const CreateUserRequest = Type.Object(
  {
    organizationId: Type.Optional(Type.String()),
    userId: Type.Optional(Name),
    username: Type.Optional(Name),
    human: Type.Object(
      {
        profile: Type.Object(
          {
            givenName: Name,
            familyName: Name,
            nickName: OptionalText,
            displayName: OptionalText,
            preferredLanguage: Type.Optional(Type.String({ maxLength: 10 })),
            gender: Type.Optional(Type.Union(GENDERS.map((gender) => Type.Literal(gender)))),
          },
          { additionalProperties: false },
        ),
        email: Type.Object(
          {
            email: Type.String({ minLength: 3, maxLength: 200, pattern: '^[^@\\s]+@[^@\\s]+$' }),
            isVerified: Type.Optional(Type.Boolean()),
            sendCode: Type.Optional(Type.Object({ urlTemplate: Type.Optional(Type.String()) })),
          },
          { additionalProperties: false },
        ),
        password: Type.Optional(
          Type.Object(
            {
              password: Type.String({ minLength: 8, maxLength: 200 }),
              changeRequired: Type.Optional(Type.Boolean()),
            },
            { additionalProperties: false },
          ),
        ),
        totpSecret: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const {
  profile: HumanProfile,
  email: HumanEmail,
  password: HumanPassword,
  totpSecret: TotpSecret,
} = CreateUserRequest.properties.human.properties;

/**
 * AddHumanUser (`POST /v2/users/human`), the older call for the same user: the human's parts at the top
 * level and the organisation as `{ orgId }`.
 * Source: zitadel/zitadel proto/zitadel/user/v2/user_service.proto (AddHumanUserRequest)
 */
export const AddHumanUserRequest = Type.Object(
  {
    userId: Type.Optional(Name),
    username: Type.Optional(Name),
    organization: Type.Optional(Type.Object({ orgId: Type.String() }, { additionalProperties: false })),
    profile: HumanProfile,
    email: HumanEmail,
    password: HumanPassword,
    totpSecret: TotpSecret,
  },
  { additionalProperties: false },
);

/** Source: https://zitadel.com/docs/reference/api/authorization/zitadel.authorization.v2.AuthorizationService.CreateAuthorization */
export const CreateAuthorizationRequest = Type.Object(
  {
    userId: Name,
    projectId: Name,
    organizationId: Type.Optional(Type.String()),
    roleKeys: Type.Optional(RoleKeys),
  },
  { additionalProperties: false },
);

/** Source: https://zitadel.com/docs/reference/api/authorization/zitadel.authorization.v2.AuthorizationService.UpdateAuthorization */
export const UpdateAuthorizationRequest = Type.Object(
  { id: Name, roleKeys: Type.Optional(RoleKeys) },
  { additionalProperties: false },
);

/** Source: https://zitadel.com/docs/reference/api/authorization/zitadel.authorization.v2.AuthorizationService.DeleteAuthorization */
export const DeleteAuthorizationRequest = Type.Object({ id: Name }, { additionalProperties: false });

/** Source: https://zitadel.com/docs/apis/mgmt/management-service-add-user-grant */
export const AddUserGrantRequest = Type.Object(
  { projectId: Name, projectGrantId: Type.Optional(Type.String()), roleKeys: Type.Optional(RoleKeys) },
  { additionalProperties: false },
);

/** Source: https://zitadel.com/docs/reference/api/management/zitadel.management.v1.ManagementService.UpdateUserGrant */
export const UpdateUserGrantRequest = Type.Object(
  { roleKeys: Type.Optional(RoleKeys) },
  { additionalProperties: false },
);

/** An empty body, or `{}`: what the deactivate and reactivate calls take. */
export const EmptyRequest = Type.Object({}, { additionalProperties: false });

/**
 * The body, typed by its schema, or Zitadel's invalid-argument refusal naming where it departs.
 * `at` is where the value sits in the request body, for a part of it checked on its own.
 */
export function parsed<S extends TSchema>(schema: S, body: unknown, at = ''): Static<S> {
  if (matchesSchema(schema, body)) return body;
  const departure = firstDeparture(schema, body);
  const where = departure === undefined ? '' : `: ${`${at}${departure.path}` || '/'} ${departure.message}`;
  throw new ZitadelError(GrpcStatus.invalidArgument, 'DEVID-invalid-request', `invalid request${where}`);
}
