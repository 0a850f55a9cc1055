import { ConfigError } from '@know-foolery/shared/config';
import { errorMessage } from '@know-foolery/shared/utils';
import { humanizeLogLine, prefixFor } from './launcher/log-format.js';
import { parseLauncherArguments, USAGE, UsageError } from './launcher/options.js';
import { serviceUrls, waitForReadiness } from './launcher/readiness.js';
import { type ExitStatus, ServiceProcess } from './launcher/service-process.js';

const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;
const EXIT_INTERRUPTED = 130;

function positiveMs(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    process.stderr.write(`${name}: expected a positive integer of milliseconds, got "${raw}"\n`);
    process.exit(EXIT_USAGE);
  }
  return value;
}

function describeExit(status: ExitStatus): string {
  return status.signal === null ? `exit code ${status.code}` : `signal ${status.signal}`;
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
  try {
    urls = serviceUrls(options.services, process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : errorMessage(error)}\n`);
    process.exit(EXIT_USAGE);
  }

  const launchedAt = performance.now();
  const color = process.stdout.isTTY === true;
  const raw = process.env.LOG_FORMAT === 'json';
  const width = Math.max(...options.services.map((service) => service.length));
  const say = (line: string) => process.stdout.write(`${line}\n`);

  let children: ServiceProcess[];
  try {
    children = options.services.map((service, index) => {
      const prefix = prefixFor(service, index, width, color);
      return new ServiceProcess(service, (line) => say(`${prefix}${raw ? line : humanizeLogLine(line)}`));
    });
  } catch (error) {
    process.stderr.write(`${errorMessage(error)}\n`);
    process.exit(EXIT_FAILURE);
  }
  for (const child of children) say(`started ${child.service} (pid ${child.pid})`);

  const stopping = new AbortController();
  let interrupted = false;

  const stopAll = async (reason: string): Promise<boolean> => {
    if (stopping.signal.aborted) return false;
    stopping.abort();
    say(`stopping all services (${reason})`);
    for (const child of children) child.signal('SIGTERM');
    const killer = setTimeout(() => {
      for (const child of children) {
        if (child.running) say(`${child.service} did not stop in time: killing it`);
        child.signal('SIGKILL');
      }
    }, stopTimeoutMs);
    const statuses = await Promise.all(children.map((child) => child.exited));
    clearTimeout(killer);
    const failed = children.filter((_, index) => statuses[index]?.code !== 0);
    for (const child of failed) say(`${child.service} stopped with ${describeExit(await child.exited)}`);
    return failed.length === 0;
  };

  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping.signal.aborted) {
      say(`${signal} again: killing every service`);
      for (const child of children) child.signal('SIGKILL');
      process.exit(EXIT_INTERRUPTED);
    }
    interrupted = true;
    stopAll(signal).then((clean) => process.exit(clean ? 0 : EXIT_FAILURE));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  for (const child of children) {
    child.exited.then(async (status) => {
      if (stopping.signal.aborted) return;
      say(`${child.service} exited unexpectedly with ${describeExit(status)}`);
      await stopAll(`${child.service} failed`);
      process.exit(EXIT_FAILURE);
    });
  }

  const notReady = await waitForReadiness(urls, startupTimeoutMs, stopping.signal);
  if (stopping.signal.aborted || interrupted) return;
  if (notReady.length > 0) {
    say(`not ready after ${startupTimeoutMs} ms: ${notReady.join(', ')}`);
    await stopAll('start-up timed out');
    process.exit(EXIT_FAILURE);
  }
  const seconds = ((performance.now() - launchedAt) / 1000).toFixed(1);
  const memory = children
    .map((child) => `${child.service} ${child.residentMemoryMiB() ?? '?'} MiB`)
    .join(', ');
  const entry = urls.get('gateway') ?? [...urls.values()][0];
  say(
    `Know Foolery is ready at ${entry} in ${seconds} s (resident memory: ${memory}). Press Ctrl-C to stop.`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`launcher failed: ${errorMessage(error)}\n`);
  process.exit(EXIT_FAILURE);
});
