import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type DevIdentityProvider,
  projectRolesClaim,
  ROLES_CLAIM,
  startDevIdentityProvider,
  totpCode,
} from '@know-foolery/dev-identity';
import { DEV_ADMIN_PAT, DEV_USERS, devSignInEnv, devVerifierEnv } from '@know-foolery/dev-identity/seed';
import { EnvReader, readAuthConfig } from '@know-foolery/shared/config';
import { clientCredentialsToken, freePort, signInForAccessToken } from '@know-foolery/shared/testing';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap } from '../src/zitadel-bootstrap/bootstrap.js';
import { writeEnvFile } from '../src/zitadel-bootstrap/env-file.js';
import { BootstrapError, BootstrapErrorCode } from '../src/zitadel-bootstrap/errors.js';
import { readOptions } from '../src/zitadel-bootstrap/options.js';

const SCRIPT = fileURLToPath(new URL('../dist/zitadel-bootstrap/main.js', import.meta.url));
const REDIRECT_URI = 'http://localhost:3000/api/v1/auth/callback';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The script as an operator runs it: its own process, the token in the environment or a file. */
function runBootstrap(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SCRIPT, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function envFileValues(path: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) values[match[1]] = match[2];
  }
  return values;
}

/** The report's "what: id" pairs, without the outcome words, which differ between runs. */
function reportedIds(stdout: string): string[] {
  return stdout
    .split('\n')
    .map((line) => /^([^:]+): (\S+) \(/.exec(line))
    .flatMap((match) =>
      match?.[1] === undefined || match[2] === undefined ? [] : [`${match[1]}=${match[2]}`],
    );
}

function required(values: Record<string, string>, name: string): string {
  const value = values[name];
  if (value === undefined) throw new Error(`the env file has no ${name}`);
  return value;
}

/** The admin signs in with a TOTP code, as the gateway would run the code flow (PKCE) through the app. */
function adminAccessToken(issuer: string, clientId: string, clientSecret: string): Promise<string> {
  return signInForAccessToken({
    issuer,
    client: { clientId, clientSecret },
    redirectUri: REDIRECT_URI,
    username: DEV_USERS.admin.username,
    password: DEV_USERS.admin.password,
    totp: () => totpCode(DEV_USERS.admin.totpSecret),
  });
}

describe('npm run zitadel:bootstrap against the development identity provider', () => {
  const directory = mkdtempSync(join(tmpdir(), 'kf-zitadel-bootstrap-'));
  const envFile = join(directory, 'services.env');
  let provider: DevIdentityProvider;
  let firstRun: Run;
  let verifyToken: (token: string) => Promise<JWTPayload>;

  const bootstrapArgs = () => ['--issuer', provider.issuer, '--out', envFile, '--redirect-uri', REDIRECT_URI];
  const patEnv = () => ({ ZITADEL_BOOTSTRAP_PAT: DEV_ADMIN_PAT });
  const management = async (path: string, body: unknown): Promise<unknown> => {
    const response = await fetch(new URL(path, provider.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${DEV_ADMIN_PAT}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    provider = await startDevIdentityProvider({ port: 0, redirectUris: [REDIRECT_URI] });
    const keys = createRemoteJWKSet(new URL('/oauth/v2/keys', provider.url));
    verifyToken = async (token) => (await jwtVerify(token, keys, { issuer: provider.issuer })).payload;
    firstRun = await runBootstrap(bootstrapArgs(), patEnv());
  });
  afterAll(async () => {
    await provider.stop();
    rmSync(directory, { recursive: true, force: true });
  });

  it('sets the platform up through the API and writes exactly the services’ variables, 0600, printing no secret', async () => {
    expect(firstRun.stderr).toBe('');
    expect(firstRun.code).toBe(0);
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    const values = envFileValues(envFile);
    const expectedNames = Object.keys({
      ...devVerifierEnv(provider.issuer),
      ...devSignInEnv({ redirectUri: '', postLogoutRedirectUri: '', stateKey: '' }),
    });
    expect(Object.keys(values).sort()).toEqual(expectedNames.sort());
    expect(values).toMatchObject({
      AUTH_PROVIDER: 'oidc',
      ZITADEL_ISSUER: provider.issuer,
      OIDC_REDIRECT_URI: REDIRECT_URI,
    });
    for (const name of [
      'OIDC_CLIENT_SECRET',
      'ZITADEL_SERVICE_CLIENT_SECRET',
      'ZITADEL_INTROSPECTION_CLIENT_SECRET',
      'OIDC_STATE_KEY',
    ]) {
      expect(firstRun.stdout).not.toContain(required(values, name));
    }
    // Every service reads them without a complaint (the gateway needs the most).
    const reader = new EnvReader({ ...values, OIDC_STATE_KEY: required(values, 'OIDC_STATE_KEY') });
    const auth = readAuthConfig(reader, 'gateway');
    reader.done();
    expect(auth.provider).toBe('oidc');

    const projectId = required(values, 'ZITADEL_PROJECT_ID');
    const apps = await management(`/management/v1/projects/${projectId}/apps/_search`, {});
    expect(apps).toMatchObject({
      result: expect.arrayContaining([
        expect.objectContaining({ oidcConfig: expect.objectContaining({ clientId: values.OIDC_CLIENT_ID }) }),
        expect.objectContaining({
          apiConfig: expect.objectContaining({ clientId: values.ZITADEL_INTROSPECTION_CLIENT_ID }),
        }),
      ]),
    });
    const machines = await management('/management/v1/users/_search', {
      queries: [{ userNameQuery: { userName: values.ZITADEL_SERVICE_CLIENT_ID } }],
    });
    expect(machines).toMatchObject({ result: [{ id: values.ZITADEL_SERVICE_USERS }] });
    const roles = await management(`/management/v1/projects/${projectId}/roles/_search`, {});
    expect(roles).toMatchObject({ result: [{ key: 'player' }, { key: 'admin' }] });
  });

  it('lets the development accounts sign in through the web application it made, carrying their roles', async () => {
    const values = envFileValues(envFile);
    const client = {
      clientId: required(values, 'OIDC_CLIENT_ID'),
      clientSecret: required(values, 'OIDC_CLIENT_SECRET'),
    };
    const playerToken = await signInForAccessToken({
      issuer: provider.issuer,
      client,
      redirectUri: REDIRECT_URI,
      username: DEV_USERS.player.username,
      password: DEV_USERS.player.password,
    });
    const player = await verifyToken(playerToken);
    expect(player).toMatchObject({ sub: DEV_USERS.player.id, client_id: client.clientId });
    expect(Object.keys(player[ROLES_CLAIM] ?? {})).toEqual(['player']);

    const admin = await verifyToken(
      await adminAccessToken(provider.issuer, client.clientId, client.clientSecret),
    );
    expect(admin.sub).toBe(DEV_USERS.admin.id);
    expect(Object.keys(admin[projectRolesClaim(required(values, 'ZITADEL_PROJECT_ID'))] ?? {})).toEqual([
      'player',
      'admin',
    ]);
  });

  it('gives the machine user a client-credentials token naming it, which may manage people', async () => {
    const values = envFileValues(envFile);
    const { accessToken } = await clientCredentialsToken({
      tokenEndpoint: new URL('/oauth/v2/token', provider.issuer),
      clientId: required(values, 'ZITADEL_SERVICE_CLIENT_ID'),
      clientSecret: required(values, 'ZITADEL_SERVICE_CLIENT_SECRET'),
      scope: 'openid',
    });
    expect(await verifyToken(accessToken)).toMatchObject({ sub: values.ZITADEL_SERVICE_USERS });
    const user = await fetch(new URL(`/v2/users/${DEV_USERS.player.id}`, provider.url), {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(user.status).toBe(200);
  });

  it('finds everything on a second run, changes nothing and prints the same ids', async () => {
    const before = readFileSync(envFile, 'utf8');
    const second = await runBootstrap(bootstrapArgs(), patEnv());
    expect(second.code).toBe(0);
    expect(reportedIds(second.stdout)).toEqual(reportedIds(firstRun.stdout));
    expect(reportedIds(second.stdout).length).toBeGreaterThanOrEqual(8);
    expect(second.stdout).not.toContain('created');
    expect(second.stdout).toContain('unchanged');
    expect(readFileSync(envFile, 'utf8')).toBe(before);
  });

  it('makes new secrets that work when the env file is lost, and the old ones stop working', async () => {
    const old = envFileValues(envFile);
    rmSync(envFile);
    const patFile = join(directory, 'admin.pat');
    writeFileSync(patFile, `${DEV_ADMIN_PAT}\n`, { mode: 0o600 });
    const report = await bootstrap(readOptions([...bootstrapArgs(), '--pat-file', patFile], {}));
    expect(report.envFileChanged).toBe(true);
    expect(report.lines.map(({ what, id }) => `${what}=${id}`)).toEqual(reportedIds(firstRun.stdout));
    expect(
      report.lines.filter(({ outcome }) => outcome.endsWith('new secret')).map(({ what }) => what),
    ).toEqual(['web application', 'API application', 'machine user']);
    const renewed = envFileValues(envFile);
    expect(renewed.OIDC_CLIENT_ID).toBe(old.OIDC_CLIENT_ID);
    for (const name of [
      'OIDC_CLIENT_SECRET',
      'ZITADEL_SERVICE_CLIENT_SECRET',
      'ZITADEL_INTROSPECTION_CLIENT_SECRET',
    ]) {
      expect(renewed[name]).not.toBe(old[name]);
    }
    const tokenEndpoint = new URL('/oauth/v2/token', provider.issuer);
    const clientId = required(renewed, 'ZITADEL_SERVICE_CLIENT_ID');
    await expect(
      clientCredentialsToken({
        tokenEndpoint,
        clientId,
        clientSecret: required(renewed, 'ZITADEL_SERVICE_CLIENT_SECRET'),
      }),
    ).resolves.toMatchObject({ accessToken: expect.any(String) });
    await expect(
      clientCredentialsToken({
        tokenEndpoint,
        clientId,
        clientSecret: required(old, 'ZITADEL_SERVICE_CLIENT_SECRET'),
      }),
    ).rejects.toThrow();
    const playerToken = await signInForAccessToken({
      issuer: provider.issuer,
      client: {
        clientId: required(renewed, 'OIDC_CLIENT_ID'),
        clientSecret: required(renewed, 'OIDC_CLIENT_SECRET'),
      },
      redirectUri: REDIRECT_URI,
      username: DEV_USERS.player.username,
      password: DEV_USERS.player.password,
    });
    expect((await verifyToken(playerToken)).sub).toBe(DEV_USERS.player.id);
  });

  it('grants a development account a role it lost, and nothing else', async () => {
    const grants = await management('/management/v1/users/grants/_search', {
      queries: [{ userIdQuery: { userId: DEV_USERS.admin.id } }],
    });
    const grantId = /"id":"(\d+)"/.exec(JSON.stringify(grants))?.[1] ?? '';
    const demoted = await fetch(
      new URL(`/management/v1/users/${DEV_USERS.admin.id}/grants/${grantId}`, provider.url),
      {
        method: 'PUT',
        headers: { authorization: `Bearer ${DEV_ADMIN_PAT}`, 'content-type': 'application/json' },
        body: JSON.stringify({ roleKeys: ['player'] }),
      },
    );
    expect(demoted.status).toBe(200);
    const before = readFileSync(envFile, 'utf8');
    const report = await bootstrap(readOptions(bootstrapArgs(), patEnv()));
    expect(report.envFileChanged).toBe(false);
    expect(report.lines.map(({ what, id }) => `${what}=${id}`)).toEqual(reportedIds(firstRun.stdout));
    expect(report.lines.filter(({ outcome }) => outcome !== 'found')).toEqual([]);
    expect(readFileSync(envFile, 'utf8')).toBe(before);
    const after = await management('/management/v1/users/grants/_search', {
      queries: [{ userIdQuery: { userId: DEV_USERS.admin.id } }],
    });
    expect(after).toMatchObject({ result: [{ id: grantId, roleKeys: ['player', 'admin'] }] });
  });

  it('names a refused token, exits non-zero and prints no token', async () => {
    const run = await runBootstrap(bootstrapArgs(), { ZITADEL_BOOTSTRAP_PAT: 'not-the-admin-token' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[ZITADEL_UNAUTHORIZED]');
    expect(run.stderr).toContain('refused the personal access token (401)');
    expect(run.stderr).not.toContain('not-the-admin-token');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('names an unreachable Zitadel and exits non-zero', async () => {
    // A free port is one nothing listens on.
    const issuer = `http://127.0.0.1:${await freePort()}`;
    const run = await runBootstrap(['--issuer', issuer, '--out', join(directory, 'never.env')], patEnv());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[ZITADEL_UNREACHABLE]');
    expect(run.stderr).toContain(`Zitadel at ${issuer} is unreachable (ECONNREFUSED)`);
  });

  it('refuses to start without a token or with a bad flag, saying what is missing', async () => {
    const noToken = await runBootstrap(bootstrapArgs());
    expect(noToken.code).toBe(64);
    expect(noToken.stderr).toContain('[BOOTSTRAP_BAD_INPUT]: no personal access token');
    const badIssuer = await runBootstrap(['--issuer', 'ftp://nowhere'], patEnv());
    expect(badIssuer.code).toBe(64);
    expect(badIssuer.stderr).toContain('the issuer must be an http or https URL');
  });
});

/** A server that answers every request with this status and body: Zitadel misbehaving. */
async function answeringServer(status: number, body: string): Promise<{ url: string; server: Server }> {
  const server = createHttpServer((_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}`, server };
}

async function failureOf(run: Promise<unknown>): Promise<BootstrapError> {
  try {
    await run;
  } catch (error) {
    if (error instanceof BootstrapError) return error;
    throw error;
  }
  throw new Error('expected the bootstrap to fail');
}

describe('the bootstrap in this process, on a provider of its own', () => {
  it('creates what is missing and finds what the provider seeded, saying which', async () => {
    const provider = await startDevIdentityProvider({ port: 0 });
    const directory = mkdtempSync(join(tmpdir(), 'kf-zitadel-bootstrap-in-process-'));
    try {
      const out = join(directory, 'nested', 'services.env');
      const report = await bootstrap(
        readOptions(['--issuer', provider.issuer, '--out', out], { ZITADEL_BOOTSTRAP_PAT: DEV_ADMIN_PAT }),
      );
      expect(Object.fromEntries(report.lines.map(({ what, outcome }) => [what, outcome]))).toEqual({
        organisation: 'found',
        project: 'found',
        'role player': 'found',
        'role admin': 'found',
        'web application': 'created',
        'web client': 'created',
        'API application': 'created',
        'machine user': 'created, new secret',
        'user player': 'found',
        'user admin': 'found',
      });
      expect(report.envFileChanged).toBe(true);
      expect(statSync(out).mode & 0o777).toBe(0o600);
    } finally {
      await provider.stop();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('the bootstrap’s failures, each one message naming what failed', () => {
  const directory = mkdtempSync(join(tmpdir(), 'kf-zitadel-bootstrap-failures-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const optionsFor = (issuer: string, out = join(directory, 'services.env')) =>
    readOptions(['--issuer', issuer, '--out', out], { ZITADEL_BOOTSTRAP_PAT: 'a-token' });

  it.each([
    [
      'an answer without the documented fields',
      200,
      '{"org":{}}',
      /answer to "read the organisation" \(GET \/management\/v1\/orgs\/me\) is not the documented one: \/org/,
    ],
    ['an answer that is not JSON', 200, '<html>', /is not the documented one/],
    [
      'a server error',
      500,
      '{"code":13,"message":"Errors.Internal"}',
      /answered 500 while trying to read the organisation: Errors.Internal/,
    ],
    [
      'a refused permission',
      403,
      '{"code":7,"message":"No matching permissions found"}',
      /refused the personal access token \(403\)/,
    ],
  ])('names %s', async (_case, status, body, message) => {
    const { url, server } = await answeringServer(status, body);
    try {
      const error = await failureOf(bootstrap(optionsFor(url)));
      expect(error.message).toMatch(message);
      expect(error.code).toBe(
        status === 403 ? BootstrapErrorCode.unauthorized : BootstrapErrorCode.unexpectedAnswer,
      );
      expect(error.message).not.toContain('a-token');
    } finally {
      server.close();
    }
  });

  it('names an env file it cannot write', async () => {
    const blocker = join(directory, 'a-file');
    writeFileSync(blocker, '');
    const error = await failureOf(writeEnvFile(join(blocker, 'services.env'), { A: 'b' }));
    expect(error.code).toBe(BootstrapErrorCode.envFile);
    expect(error.message).toContain(`${blocker}/services.env cannot be written`);
  });

  it.each([
    [
      ['--issuer', 'http://x', '--timeout-ms', '5'],
      { ZITADEL_BOOTSTRAP_PAT: 't' },
      '--timeout-ms must be an integer from 100 to 120000',
    ],
    [
      ['--issuer', 'http://x', '--pat-file', '/no/such/file'],
      {},
      'the personal access token file /no/such/file cannot be read',
    ],
    [['--issuer', 'http://x', '--unknown'], { ZITADEL_BOOTSTRAP_PAT: 't' }, "Unknown option '--unknown'"],
    [[], { ZITADEL_BOOTSTRAP_PAT: 't' }, 'no issuer: give --issuer or ZITADEL_ISSUER'],
    [
      ['--issuer', 'http://x', '--redirect-uri', 'not a url'],
      { ZITADEL_BOOTSTRAP_PAT: 't' },
      '--redirect-uri must be an http or https URL',
    ],
  ])('refuses the options %j', (args, env, message) => {
    let error: unknown;
    try {
      readOptions(args, env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BootstrapError);
    expect(error instanceof BootstrapError && error.code).toBe(BootstrapErrorCode.badInput);
    expect(error instanceof Error ? error.message : '').toContain(message);
  });

  it('reads an empty token file as a mistake and the environment’s issuer and API URL as given', () => {
    const empty = join(directory, 'empty.pat');
    writeFileSync(empty, '\n');
    expect(() => readOptions(['--issuer', 'http://x', '--pat-file', empty], {})).toThrow(/is empty/);
    const options = readOptions(['--no-dev-accounts'], {
      ZITADEL_ISSUER: 'https://issuer.example',
      ZITADEL_API_URL: 'http://zitadel:8080',
      ZITADEL_BOOTSTRAP_PAT: ' t ',
    });
    expect(options).toMatchObject({
      issuer: 'https://issuer.example',
      apiUrl: 'http://zitadel:8080',
      personalAccessToken: 't',
      devAccounts: false,
      timeoutMs: 10_000,
    });
  });
});
