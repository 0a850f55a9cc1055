import { parseArgs } from 'node:util';
import { createAuth, isRole } from '@know-foolery/shared/auth';
import {
  ConfigError,
  EnvReader,
  type EnvSource,
  loadEnvironment,
  readAuthConfig,
} from '@know-foolery/shared/config';
import { errorMessage } from '@know-foolery/shared/utils';

export const USAGE =
  'usage: npm run -s token -- --sub alice [--role player|admin ...] [--name Alice] [--ttl 3600]';

export class TokenCommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Issues a development token from the mock provider; refused in production and with any other provider. */
export async function issueDevToken(argv: readonly string[], source: EnvSource): Promise<string> {
  let values: {
    sub?: string | undefined;
    role?: string[] | undefined;
    name?: string | undefined;
    ttl?: string | undefined;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        sub: { type: 'string' },
        role: { type: 'string', multiple: true },
        name: { type: 'string' },
        ttl: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new TokenCommandError(`${errorMessage(error)}\n${USAGE}`, 2);
  }
  if (!values.sub) throw new TokenCommandError(`--sub is required\n${USAGE}`, 2);
  const roles = values.role ?? ['player'];
  const unknown = roles.filter((role) => !isRole(role) || role === 'service');
  if (unknown.length > 0)
    throw new TokenCommandError(`--role: expected player or admin, got ${unknown.join(', ')}`, 2);
  const ttlSeconds = values.ttl === undefined ? undefined : Number(values.ttl);
  if (
    ttlSeconds !== undefined &&
    (!Number.isInteger(ttlSeconds) || ttlSeconds < 60 || ttlSeconds > 604_800)
  ) {
    throw new TokenCommandError(`--ttl: expected seconds from 60 to 604800, got "${values.ttl}"`, 2);
  }
  let config: ReturnType<typeof readAuthConfig>;
  try {
    const env = new EnvReader(loadEnvironment(source));
    config = readAuthConfig(env);
    env.done();
  } catch (error) {
    throw new TokenCommandError(error instanceof ConfigError ? error.message : errorMessage(error), 78);
  }
  if (!config.devTokensEnabled) {
    throw new TokenCommandError(
      'development tokens are off: they need AUTH_PROVIDER=mock and NODE_ENV other than production',
      2,
    );
  }
  const { issuer } = createAuth(config);
  if (issuer === null) throw new TokenCommandError('the configured provider cannot issue tokens', 2);
  const issued = await issuer.issueToken({
    subject: values.sub,
    roles: roles.filter(isRole),
    name: values.name,
    ttlSeconds,
  });
  return issued.accessToken;
}
