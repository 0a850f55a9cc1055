import { type AuthComponents, createAuth, type Role } from '../auth/index.js';
import type { AuthConfig } from '../config/index.js';

export const TEST_AUTH_CONFIG: AuthConfig = {
  provider: 'mock',
  jwtSecret: 'know-foolery-test-secret-0123456789abcdef',
  issuer: 'know-foolery-test',
  audience: 'know-foolery',
  clockToleranceSeconds: 5,
  tokenTtlSeconds: 3600,
  maxTokenLifetimeSeconds: 86_400,
  devTokensEnabled: true,
};

export interface TestAuth extends AuthComponents {
  /** An `Authorization` header value for a caller with these roles. */
  bearer(subject: string, roles: readonly Role[], name?: string): Promise<string>;
  /** A player called `name`, whose subject is `player:<name>`: the same name is the same player. */
  playerToken(name: string): Promise<string>;
  /** An admin called `name`, whose subject is `admin:<name>`. */
  adminToken(name: string): Promise<string>;
}

export function testAuth(config: AuthConfig = TEST_AUTH_CONFIG): TestAuth {
  const auth = createAuth(config);
  const bearer = async (subject: string, roles: readonly Role[], name?: string) => {
    if (auth.issuer === null) throw new Error('the test auth provider cannot issue tokens');
    const issued = await auth.issuer.issueToken({ subject, roles, name });
    return `Bearer ${issued.accessToken}`;
  };
  return {
    ...auth,
    bearer,
    playerToken: (name) => bearer(`player:${name}`, ['player'], name),
    adminToken: (name) => bearer(`admin:${name}`, ['admin'], name),
  };
}
