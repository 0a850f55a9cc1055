import type { MappableRole, RoleMapping } from '@know-foolery/shared/config';

/**
 * The platform's roles as Zitadel role keys, read through ZITADEL_ROLE_MAP (the same map the
 * token verifier reads roles with), so what an admin grants is what the next token carries.
 */
export class ProjectRoles {
  readonly #roleMap: readonly RoleMapping[];
  readonly #adminKeys: ReadonlySet<string>;
  /** The key granted to make someone an admin: the first one the map turns into `admin`. */
  readonly adminKey: string;

  constructor(roleMap: readonly RoleMapping[]) {
    this.#roleMap = roleMap;
    const adminKeys = roleMap.filter((mapping) => mapping.platformRole === 'admin');
    const [first] = adminKeys;
    if (first === undefined) throw new Error('ZITADEL_ROLE_MAP maps no Zitadel role to admin');
    this.adminKey = first.zitadelRole;
    this.#adminKeys = new Set(adminKeys.map((mapping) => mapping.zitadelRole));
  }

  holdsAdmin(roleKeys: readonly string[]): boolean {
    return roleKeys.some((key) => this.#adminKeys.has(key));
  }

  withAdmin(roleKeys: readonly string[]): string[] {
    return this.holdsAdmin(roleKeys) ? [...roleKeys] : [...roleKeys, this.adminKey];
  }

  /** Every key that makes an admin goes: with any one left, the next token would still say admin. */
  withoutAdmin(roleKeys: readonly string[]): string[] {
    return roleKeys.filter((key) => !this.#adminKeys.has(key));
  }

  /** The platform roles the keys give, in the map's order, each once; keys the map does not know give none. */
  platformRoles(roleKeys: readonly string[]): MappableRole[] {
    const held = new Set(roleKeys);
    const roles = this.#roleMap
      .filter((mapping) => held.has(mapping.zitadelRole))
      .map((mapping) => mapping.platformRole);
    return [...new Set(roles)];
  }
}
