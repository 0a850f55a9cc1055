import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signInForAccessToken } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, platformEnv, until } from './launcher-process.js';

/** Every process the launcher started or restarted, in order, as the launcher reported them. */
function childPids(output: string, service = '[\\w-]+'): number[] {
  const started = new RegExp(`(?:re)?started ${service} \\(pid (\\d+)`, 'g');
  return [...output.matchAll(started)].map((match) => Number(match[1]));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function isReady(url: string | undefined): Promise<boolean> {
  return fetch(`${url}/health/ready`)
    .then(async (response) => {
      await response.body?.cancel();
      return response.ok;
    })
    .catch(() => false);
}

function jsonObject(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`expected a JSON object, got ${JSON.stringify(value)}`);
  return Object.fromEntries(Object.entries(value));
}

/** A caller of the public API through the gateway, with a development token. */
async function caller(gateway: string | undefined, sub: string, role: 'player' | 'admin') {
  const issued = await fetch(`${gateway}/api/v1/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sub, roles: [role] }),
  });
  expect(issued.status).toBe(201);
  const { accessToken } = jsonObject(await issued.json());
  expect(accessToken).toEqual(expect.any(String));
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${gateway}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${String(accessToken)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: jsonObject(await response.json()) };
  };
}

describe('npm start (the launcher), end to end', () => {
  const workDirectory = mkdtempSync(join(tmpdir(), 'kf-smoke-'));
  afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

  describe('one platform, supervised', () => {
    let env: Record<string, string>;
    let platform: ReturnType<typeof launch>;

    beforeAll(async () => {
      env = await platformEnv();
      platform = launch(workDirectory, env);
    });
    // Services stop themselves when the launcher dies: their IPC channel to it closes.
    afterAll(() => platform.child.kill('SIGKILL'));

    it('brings all seven services to ready, with no identity provider under AUTH_PROVIDER=mock', async () => {
      expect(await until(() => isReady(env.GATEWAY_SERVICE_URL), 60_000), platform.output()).toBe(true);
      const readiness = jsonObject(await (await fetch(`${env.GATEWAY_SERVICE_URL}/health/ready`)).json());
      expect(Object.keys(jsonObject(readiness.checks))).toHaveLength(6);
      expect(childPids(platform.output())).toHaveLength(7);
      expect(platform.output()).toContain('AUTH_PROVIDER=mock: no identity provider');
    }, 90_000);

    it('restarts game-service after SIGKILL while the others keep serving, and a game in progress goes on', async () => {
      const gateway = env.GATEWAY_SERVICE_URL;
      const admin = await caller(gateway, 'smoke-admin', 'admin');
      const player = await caller(gateway, 'smoke-player', 'player');
      const question = {
        theme: 'smoke',
        text: 'Which island does the smoke test sail to?',
        answer: 'Quillomara',
      };
      expect((await admin('POST', '/api/v1/admin/questions', question)).status).toBe(201);
      const game = await player('POST', '/api/v1/games', { theme: 'smoke' });
      expect(game.status, JSON.stringify(game.body)).toBe(201);
      const served = await player('GET', `/api/v1/games/${String(game.body.id)}/question`);
      expect(served.status, JSON.stringify(served.body)).toBe(200);

      const [gamePid] = childPids(platform.output(), 'game');
      expect(gamePid).toBeDefined();
      process.kill(gamePid ?? 0, 'SIGKILL');
      const killedAt = performance.now();
      expect(await until(() => isReady(env.QUESTION_SERVICE_URL), 1_000)).toBe(true);
      expect(await until(() => isReady(env.GAME_SERVICE_URL), 20_000), platform.output()).toBe(true);
      expect(performance.now() - killedAt).toBeLessThan(20_000);

      expect(platform.output()).toContain(
        'game exited unexpectedly with signal SIGKILL: restarting it in 250 ms',
      );
      expect(childPids(platform.output(), 'game')).toHaveLength(2);
      const again = await player('GET', `/api/v1/games/${String(game.body.id)}/question`);
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      expect(again.body.questionId).toBe(served.body.questionId);
      const answer = await player('POST', `/api/v1/games/${String(game.body.id)}/answers`, {
        answer: 'quillomara',
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toMatchObject({ correct: true, settled: true });
    }, 60_000);

    it('stops every service, the restarted one included, on Ctrl-C with exit code 0 and no orphan', async () => {
      const pids = childPids(platform.output());
      expect(pids).toHaveLength(8);
      platform.child.kill('SIGINT');
      expect(await platform.exit, platform.output()).toBe(0);
      expect(pids.filter(isAlive)).toEqual([]);
    }, 60_000);
  });

  describe('with the development identity provider (the default)', () => {
    let env: Record<string, string>;
    let platform: ReturnType<typeof launch>;
    let issuer: string;

    beforeAll(async () => {
      env = await platformEnv('dev-identity');
      issuer = `http://localhost:${env.DEV_IDENTITY_PORT}`;
      platform = launch(workDirectory, env);
    });
    afterAll(() => platform.child.kill('SIGKILL'));

    it('starts the identity provider first, then the seven services, all ready', async () => {
      const ready = () => platform.output().includes('Know Foolery is ready at');
      expect(await until(ready, 60_000), platform.output()).toBe(true);
      expect(await isReady(env.GATEWAY_SERVICE_URL)).toBe(true);
      expect(childPids(platform.output())).toHaveLength(8);
      expect(childPids(platform.output(), 'dev-identity')).toEqual([childPids(platform.output())[0]]);
      expect(await isReady(issuer)).toBe(true);
      expect(platform.output()).toContain(
        `Sign in at http://localhost:${env.GATEWAY_SERVICE_PORT}/api/v1/auth/sign-in as player`,
      );
    }, 90_000);

    it("signs a player in, whose token every service accepts, and a service's own token reaches another", async () => {
      const gateway = `http://localhost:${env.GATEWAY_SERVICE_PORT}`;
      const token = await signInForAccessToken({
        issuer,
        client: { clientId: 'know-foolery-web', clientSecret: 'know-foolery-web-development-secret' },
        redirectUri: `${gateway}/api/v1/auth/callback`,
        username: 'player',
        password: 'player-password',
      });
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const me = await fetch(`${env.GATEWAY_SERVICE_URL}/api/v1/me`, { headers });
      expect(me.status).toBe(200);
      // Creating a game makes game-service ask question-service, with its client credentials token, for the pool.
      const game = await fetch(`${env.GATEWAY_SERVICE_URL}/api/v1/games`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ theme: 'nothing-here' }),
      });
      expect(jsonObject(await game.json())).toMatchObject({ status: 422, code: 'EMPTY_QUESTION_POOL' });
    }, 30_000);

    it("sends the gateway's sign-in to the identity provider as its web client", async () => {
      const signIn = await fetch(`http://localhost:${env.GATEWAY_SERVICE_PORT}/api/v1/auth/sign-in`, {
        redirect: 'manual',
      });
      expect(signIn.status).toBe(302);
      const location = new URL(signIn.headers.get('location') ?? '');
      expect(location.href.startsWith(`${issuer}/oauth/v2/authorize?`)).toBe(true);
      expect(location.searchParams.get('client_id')).toBe('know-foolery-web');
    });

    it('leaves no process behind, the identity provider included, when the launcher itself is killed', async () => {
      const pids = childPids(platform.output());
      platform.child.kill('SIGKILL');
      await platform.exit;
      expect(await until(() => pids.every((pid) => !isAlive(pid)), 20_000)).toBe(true);
    }, 30_000);
  });

  describe('the first start', () => {
    const questions = [
      '#Q Which animal does not hibernate?\n^ Sloth\nA Mouse\nB Sloth\n',
      '#Q What is the largest land animal?\n^ Elephant\n',
      '#Q Snakes are deaf.\n^ True\nA True\nB False\n',
    ].join('\n');

    it('fills an empty question bank before question-service starts, and leaves one that holds questions alone', async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'kf-first-seed-'));
      const source = join(cwd, 'animals');
      writeFileSync(source, questions);
      const env = { ...(await platformEnv()), SEED_ON_START: 'true', SEED_SOURCE: source };
      const startOnce = async () => {
        const platform = launch(cwd, env, ['--only', 'question']);
        const ready = await until(() => platform.output().includes('Know Foolery is ready'), 60_000);
        platform.child.kill('SIGINT');
        expect(await platform.exit, platform.output()).toBe(0);
        expect(ready, platform.output()).toBe(true);
        return platform.output();
      };
      try {
        const first = await startOnce();
        expect(first).toMatch(/^seed +\| imported +3$/m);
        expect(first.indexOf('seed ')).toBeLessThan(first.search(/started question \(pid/));
        expect(await startOnce()).toContain(
          'seed     | the bank already holds 3 questions: nothing seeded (--if-empty)',
        );
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    }, 90_000);

    it('says where the data set is missing and starts all the same; refuses a SEED_ON_START that is no boolean', async () => {
      const cwd = mkdtempSync(join(tmpdir(), 'kf-first-seed-'));
      try {
        const env = { ...(await platformEnv()), SEED_ON_START: 'true', SEED_SOURCE: join(cwd, 'nothing') };
        const platform = launch(cwd, env, ['--only', 'question']);
        const ready = await until(() => platform.output().includes('Know Foolery is ready'), 60_000);
        platform.child.kill('SIGINT');
        await platform.exit;
        expect(ready, platform.output()).toBe(true);
        expect(platform.output()).toContain(`seed: no such file or directory: ${join(cwd, 'nothing')}`);
        expect(platform.output()).toContain('the question bank was not seeded (exit code 2)');

        const refused = launch(cwd, { ...env, SEED_ON_START: 'sometimes' });
        expect(await refused.exit).toBe(2);
        expect(refused.output()).toContain('SEED_ON_START: expected true or false, got "sometimes"');
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    }, 90_000);
  });

  it('gives up on a service that keeps crashing: exits non-zero naming it and its last exit, with no orphan', async () => {
    const env = { ...(await platformEnv()), GAME_SERVICE_PORT: 'not-a-port' };
    const platform = launch(workDirectory, env);
    expect(await platform.exit, platform.output()).toBe(1);
    expect(platform.output()).toContain('GAME_SERVICE_PORT: expected an integer, got "not-a-port"');
    expect(platform.output()).toContain(
      'game exited unexpectedly with exit code 78: restarting it in 250 ms',
    );
    expect(platform.output()).toContain(
      'giving up on game: it crashed 5 times within 60 s; its last exit was exit code 78',
    );
    expect(childPids(platform.output(), 'game')).toHaveLength(5);
    expect(childPids(platform.output()).filter(isAlive)).toEqual([]);
  }, 90_000);
});
