import { createAuth } from '@know-foolery/shared/auth';
import { EnvReader, readAuthConfig } from '@know-foolery/shared/config';
import { describe, expect, it } from 'vitest';
import { issueDevToken, TokenCommandError } from '../src/token.js';

describe('the dev token command', () => {
  it('issues a token the platform accepts', async () => {
    const token = await issueDevToken(
      ['--sub', 'alice', '--role', 'admin', '--role', 'player', '--name', 'Alice'],
      {},
    );
    const { provider } = createAuth(readAuthConfig(new EnvReader({})));
    expect(await provider.verifyAccessToken(token)).toMatchObject({
      id: 'alice',
      roles: ['admin', 'player'],
      name: 'Alice',
    });
  });

  it.each([
    [[], {}, /--sub is required/, 2],
    [['--sub', 'a', '--role', 'service'], {}, /--role: expected player or admin/, 2],
    [['--sub', 'a', '--ttl', '5'], {}, /--ttl: expected seconds/, 2],
    [['--sub', 'a', '--wat'], {}, /Unknown option/, 2],
    [
      ['--sub', 'a'],
      { NODE_ENV: 'production', AUTH_JWT_SECRET: 'p'.repeat(40) },
      /development tokens are off/,
      2,
    ],
    [['--sub', 'a'], { AUTH_JWT_SECRET: 'short' }, /AUTH_JWT_SECRET: must be at least 32 bytes/, 78],
  ])('refuses %j %j', async (argv, env, message, exitCode) => {
    const failure = await issueDevToken(argv, env).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TokenCommandError);
    expect((failure as TokenCommandError).message).toMatch(message);
    expect((failure as TokenCommandError).exitCode).toBe(exitCode);
  });
});
