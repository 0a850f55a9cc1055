import { ConfigError, loadEnvironment } from '@know-foolery/shared/config';
import { errorMessage } from '@know-foolery/shared/utils';
import {
  type FirstSeedPlan,
  FirstSeedSettingError,
  planFirstSeed,
  seedEmptyBank,
} from './launcher/first-seed.js';
import { type IdentityPlan, planIdentity } from './launcher/identity-plan.js';
import { humanizeLogLine, prefixFor } from './launcher/log-format.js';
import { parseLauncherArguments, USAGE, UsageError } from './launcher/options.js';
import { serviceUrls, waitForReadiness } from './launcher/readiness.js';
import {
  DEV_IDENTITY,
  type ProcessName,
  ServiceProcess,
  serviceCommand,
} from './launcher/service-process.js';
import { Supervisor } from './launcher/supervisor.js';

const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;
const EXIT_INTERRUPTED = 130;
/** The label of the seed command's lines. */
const SEED = 'seed';

function positiveMs(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    process.stderr.write(`${name}: expected a positive integer of milliseconds, got "${raw}"\n`);
    process.exit(EXIT_USAGE);
  }
  return value;
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parseLauncherArguments>;
  try {
    options = parseLauncherArguments(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof UsageError ? error.message : errorMessage(error)}\n${USAGE}\n`);
    process.exit(EXIT_USAGE);
  }
  const startupTimeoutMs = positiveMs('STARTUP_TIMEOUT_MS', 30_000);
  const stopTimeoutMs = positiveMs('SHUTDOWN_TIMEOUT_MS', 10_000) + 5_000;
  let urls: ReturnType<typeof serviceUrls>;
  let identity: IdentityPlan;
  let firstSeed: FirstSeedPlan;
  try {
    // What the services will read, CONFIG_FILE included: the launcher adds only what neither sets.
    const environment = loadEnvironment(process.env);
    urls = serviceUrls(options.services, environment);
    identity = planIdentity(environment);
    firstSeed = planFirstSeed(environment);
  } catch (error) {
    const named = error instanceof ConfigError || error instanceof FirstSeedSettingError;
    process.stderr.write(`${named ? error.message : errorMessage(error)}\n`);
    process.exit(EXIT_USAGE);
  }

  const launchedAt = performance.now();
  const color = process.stdout.isTTY === true;
  const raw = process.env.LOG_FORMAT === 'json';
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const development = identity.kind === 'development' ? identity : null;
  const names: readonly ProcessName[] =
    development === null ? options.services : [DEV_IDENTITY, ...options.services];
  const width = Math.max(SEED.length, ...names.map((name) => name.length));
  const prefixes = new Map(names.map((name, index) => [name, prefixFor(name, index, width, color)]));
  const serviceEnv = { ...process.env, ...identity.serviceEnv };
  const identityEnv = { ...process.env, ...development?.identityEnv };
  const supervisor = new Supervisor({
    services: names,
    launch: (name) =>
      new ServiceProcess(
        name,
        serviceCommand(name),
        (line) => say(`${prefixes.get(name) ?? ''}${raw ? line : humanizeLogLine(line)}`),
        name === DEV_IDENTITY ? identityEnv : serviceEnv,
      ),
    stopTimeoutMs,
    say,
  });
  say(identity.note);
  const seedPrefix = prefixFor(SEED, names.length, width, color);
  // Before question-service starts, so that its first pool holds the questions.
  const seedIfEmpty = async () => {
    if (firstSeed.enabled && options.services.includes('question'))
      await seedEmptyBank(firstSeed, serviceEnv, (line) => say(`${seedPrefix}${line}`));
  };
  if (development === null) await seedIfEmpty();
  // The identity provider comes up first: the services ask it for keys and tokens from their first request.
  try {
    supervisor.start(development === null ? options.services : [DEV_IDENTITY]);
  } catch (error) {
    process.stderr.write(`${errorMessage(error)}\n`);
    process.exit(EXIT_FAILURE);
  }

  const onSignal = (signal: NodeJS.Signals) => {
    if (supervisor.stopSignal.aborted) {
      say(`${signal} again: killing every service`);
      supervisor.kill();
      process.exit(EXIT_INTERRUPTED);
    }
    supervisor.stop(signal).then((clean) => process.exit(clean ? 0 : EXIT_FAILURE));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  supervisor.gaveUp.then(() => process.exit(EXIT_FAILURE));

  if (development !== null) {
    // While the identity provider starts.
    await seedIfEmpty();
    if (supervisor.stopSignal.aborted) return;
    const readiness = new Map([[DEV_IDENTITY, development.url]]);
    const identityDown = await waitForReadiness(readiness, startupTimeoutMs, supervisor.stopSignal);
    if (supervisor.stopSignal.aborted) return;
    if (identityDown.length > 0) {
      say(`not ready after ${startupTimeoutMs} ms: ${DEV_IDENTITY} at ${development.url}`);
      await supervisor.stop('start-up timed out');
      process.exit(EXIT_FAILURE);
    }
    try {
      supervisor.start(options.services);
    } catch (error) {
      say(errorMessage(error));
      await supervisor.stop('a service could not be started');
      process.exit(EXIT_FAILURE);
    }
  }

  const notReady = await waitForReadiness(urls, startupTimeoutMs, supervisor.stopSignal);
  if (supervisor.stopSignal.aborted) return;
  if (notReady.length > 0) {
    say(`not ready after ${startupTimeoutMs} ms: ${notReady.join(', ')}`);
    await supervisor.stop('start-up timed out');
    process.exit(EXIT_FAILURE);
  }
  const seconds = ((performance.now() - launchedAt) / 1000).toFixed(1);
  const memory = supervisor
    .processes()
    .map((child) => `${child.service} ${child.residentMemoryMiB() ?? '?'} MiB`)
    .join(', ');
  const entry = urls.get('gateway') ?? [...urls.values()][0];
  say(
    `Know Foolery is ready at ${entry} in ${seconds} s (resident memory: ${memory}). Press Ctrl-C to stop.`,
  );
  if (development !== null && urls.has('gateway')) {
    say(
      `Sign in at ${development.signInUrl} as player / player-password, or admin / admin-password ` +
        'with a TOTP code (see README.md, "Sign in").',
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`launcher failed: ${errorMessage(error)}\n`);
  process.exit(EXIT_FAILURE);
});
