import { type TSchema, Type } from 'typebox';

/**
 * The parts of Zitadel's answers the bootstrap reads; anything else in them is left alone. Zitadel
 * leaves empty lists out of its JSON, so every list is optional.
 * Sources: zitadel/zitadel proto/zitadel/management.proto, proto/zitadel/user/v2/user_service.proto
 */
const Id = Type.String({ minLength: 1 });
const Secret = Type.String({ minLength: 1 });

function list<S extends TSchema>(item: S) {
  return Type.Object({ result: Type.Optional(Type.Array(item)) });
}

export const MyOrganization = Type.Object({ org: Type.Object({ id: Id }) });
export const ProjectList = list(Type.Object({ id: Id, name: Type.String() }));
export const AddedProject = Type.Object({ id: Id });
export const RoleList = list(Type.Object({ key: Type.String() }));
export const Acknowledged = Type.Object({});
export const ApplicationList = list(
  Type.Object({
    id: Id,
    name: Type.String(),
    oidcConfig: Type.Optional(Type.Object({ clientId: Id })),
    apiConfig: Type.Optional(Type.Object({ clientId: Id })),
  }),
);
export const AddedApplication = Type.Object({ appId: Id, clientId: Id, clientSecret: Secret });
export const NewClientSecret = Type.Object({ clientSecret: Secret });
export const MachineUserList = list(Type.Object({ id: Id, userName: Type.String() }));
export const AddedMachineUser = Type.Object({ userId: Id });
export const MachineSecret = Type.Object({ clientId: Id, clientSecret: Secret });
export const UserList = list(Type.Object({ userId: Id, username: Type.Optional(Type.String()) }));
export const AddedUser = Type.Object({ userId: Id });
export const UserGrantList = list(
  Type.Object({ id: Id, roleKeys: Type.Optional(Type.Array(Type.String())) }),
);
export const AddedUserGrant = Type.Object({ userGrantId: Id });
