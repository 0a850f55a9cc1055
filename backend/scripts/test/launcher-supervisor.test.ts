import { SERVICE_NAMES, type ServiceName } from '@know-foolery/shared/config';
import { sleep } from '@know-foolery/shared/utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { RestartPolicyOptions } from '../src/launcher/restart-policy.js';
import { type ProcessName, ServiceProcess } from '../src/launcher/service-process.js';
import { Supervisor } from '../src/launcher/supervisor.js';

/** Small real processes standing in for services: each says "up" once its signal handlers are set. */
const PROGRAMS = {
  serves: "process.on('SIGTERM', () => process.exit(0)); setInterval(() => {}, 60_000); console.log('up');",
  crashes: 'process.exit(3);',
  ignoresSigterm: "process.on('SIGTERM', () => {}); setInterval(() => {}, 60_000); console.log('up');",
} as const;

const QUICK: RestartPolicyOptions = {
  initialDelayMs: 50,
  maxDelayMs: 200,
  stableAfterMs: 30_000,
  maxCrashes: 3,
  crashWindowMs: 60_000,
};

type Program = keyof typeof PROGRAMS | 'not built';

interface Harness {
  readonly supervisor: Supervisor;
  readonly said: string[];
  /** How many times each service said it was up. */
  readonly ups: Map<ProcessName, number>;
  readonly launched: ServiceProcess[];
}

const supervisors: Supervisor[] = [];

/** A supervisor of these programs, not started yet. */
function supervise(
  programs: Partial<Record<ProcessName, Program>>,
  options: {
    restartPolicy?: RestartPolicyOptions;
    stopTimeoutMs?: number;
    buildGoneAfterStart?: boolean;
  } = {},
): Harness {
  const said: string[] = [];
  const ups = new Map<ProcessName, number>();
  const launched: ServiceProcess[] = [];
  const launch = (service: ProcessName) => {
    const program = programs[service];
    const restart = launched.some((child) => child.service === service);
    if (program === undefined || program === 'not built' || (restart && options.buildGoneAfterStart))
      throw new Error(`${service}-service/dist/main.js is missing: run npm run build`);
    const child = new ServiceProcess(service, ['-e', PROGRAMS[program]], (line) => {
      if (line === 'up') ups.set(service, (ups.get(service) ?? 0) + 1);
    });
    launched.push(child);
    return child;
  };
  const supervisor = new Supervisor({
    services: SERVICE_NAMES.filter((service) => programs[service] !== undefined),
    launch,
    stopTimeoutMs: options.stopTimeoutMs ?? 10_000,
    say: (line) => said.push(line),
    restartPolicy: options.restartPolicy ?? QUICK,
  });
  supervisors.push(supervisor);
  return { supervisor, said, ups, launched };
}

async function until(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function pidOf(supervisor: Supervisor, service: ServiceName): number {
  const pid = supervisor.processes().find((child) => child.service === service)?.pid;
  if (pid === undefined) throw new Error(`${service} has no process`);
  return pid;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the launcher’s supervisor, with real processes', () => {
  afterEach(() => {
    for (const supervisor of supervisors.splice(0)) supervisor.kill();
  });

  it('restarts a service that was killed, after the backoff, and leaves the others running', async () => {
    const { supervisor, said, ups } = supervise({ game: 'serves', question: 'serves' });
    supervisor.start();
    await until(() => ups.get('game') === 1 && ups.get('question') === 1, 'both services up');
    const question = pidOf(supervisor, 'question');
    const game = pidOf(supervisor, 'game');

    process.kill(game, 'SIGKILL');
    await until(() => ups.get('game') === 2, 'game up again');

    expect(said).toContain('game exited unexpectedly with signal SIGKILL: restarting it in 50 ms');
    const restarted = pidOf(supervisor, 'game');
    expect(said).toContain(`restarted game (pid ${restarted}, restart 1)`);
    expect(restarted).not.toBe(game);
    expect(pidOf(supervisor, 'question')).toBe(question);
    expect(ups.get('question')).toBe(1);
    expect(await supervisor.stop('test over')).toBe(true);
    expect([game, restarted, question].filter(isAlive)).toEqual([]);
  });

  it('starts in stages, each service once, watching each stage for crashes exactly once', async () => {
    const { supervisor, said, ups, launched } = supervise({ game: 'serves', question: 'serves' });
    supervisor.start(['question']);
    await until(() => ups.get('question') === 1, 'question up');
    expect(launched.map((child) => child.service)).toEqual(['question']);
    expect(() => supervisor.start(['question', 'user'])).toThrow(
      'cannot start question, user: not supervised here, or started already',
    );

    supervisor.start(['game']);
    await until(() => ups.get('game') === 1, 'game up');
    process.kill(pidOf(supervisor, 'question'), 'SIGKILL');
    process.kill(pidOf(supervisor, 'game'), 'SIGKILL');
    await until(() => ups.get('question') === 2 && ups.get('game') === 2, 'both up again');
    await sleep(200);

    expect(said.filter((line) => line.startsWith('restarted'))).toHaveLength(2);
    expect(launched).toHaveLength(4);
    const pids = supervisor.processes().map((child) => child.pid);
    expect(await supervisor.stop('test over')).toBe(true);
    expect(pids.filter((pid) => pid !== undefined && isAlive(pid))).toEqual([]);
  });

  it('gives up on a service that keeps crashing, naming it and its last exit, once the others are stopped', async () => {
    const { supervisor, said, ups } = supervise({ game: 'crashes', question: 'serves' });
    supervisor.start();
    await until(() => ups.get('question') === 1, 'question up');
    const question = pidOf(supervisor, 'question');

    const reason = await supervisor.gaveUp;

    const message = 'giving up on game: it crashed 3 times within 60 s; its last exit was exit code 3';
    expect(reason).toEqual({ service: 'game', lastExit: { code: 3, signal: null }, message });
    expect(said.filter((line) => line.startsWith('game exited unexpectedly'))).toEqual([
      'game exited unexpectedly with exit code 3: restarting it in 50 ms',
      'game exited unexpectedly with exit code 3: restarting it in 100 ms',
      'game exited unexpectedly with exit code 3',
    ]);
    expect(said).toContain(message);
    expect(isAlive(question)).toBe(false);
  });

  it('cancels a pending restart when asked to stop', async () => {
    const slow = { ...QUICK, initialDelayMs: 1_000, maxDelayMs: 1_000 };
    const { supervisor, said, ups, launched } = supervise(
      { game: 'crashes', question: 'serves' },
      { restartPolicy: slow },
    );
    supervisor.start();
    await until(() => ups.get('question') === 1, 'question up');
    await until(
      () => said.includes('game exited unexpectedly with exit code 3: restarting it in 1000 ms'),
      'the crash',
    );

    expect(await supervisor.stop('SIGINT')).toBe(true);

    expect(said).toContain('cancelled the pending restart of game');
    await sleep(1_500);
    expect(launched.filter((child) => child.service === 'game')).toHaveLength(1);
  });

  it('refuses to start when a service is not built, killing those it had started', async () => {
    const { supervisor, launched } = supervise({ game: 'serves', question: 'not built' });

    expect(() => supervisor.start()).toThrow('question-service/dist/main.js is missing: run npm run build');

    expect(launched.map((child) => child.service)).toEqual(['game']);
    expect(await launched[0]?.exited).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('gives up on a service that cannot be restarted, as when its build went missing', async () => {
    const { supervisor } = supervise({ game: 'crashes' }, { buildGoneAfterStart: true });
    supervisor.start();

    expect((await supervisor.gaveUp).message).toBe(
      'giving up on game: it could not be restarted (game-service/dist/main.js is missing: run npm run build); ' +
        'its last exit was exit code 3',
    );
  });

  it('kills a service that ignores SIGTERM once the stop timeout passes, and every service at once on kill()', async () => {
    const { supervisor, said, ups } = supervise(
      { game: 'ignoresSigterm', question: 'ignoresSigterm' },
      { stopTimeoutMs: 300 },
    );
    supervisor.start();
    await until(() => ups.get('game') === 1 && ups.get('question') === 1, 'both services up');

    expect(await supervisor.stop('SIGTERM')).toBe(false);
    expect(said).toContain('game did not stop in time: killing it');
    expect(said).toContain('question stopped with signal SIGKILL');

    const again = supervise({ game: 'ignoresSigterm' }, { stopTimeoutMs: 60_000 });
    again.supervisor.start();
    await until(() => again.ups.get('game') === 1, 'game up');
    const stopping = again.supervisor.stop('SIGINT');
    again.supervisor.kill();
    expect(await stopping).toBe(false);
    expect(again.said).toContain('game stopped with signal SIGKILL');
  });
});
