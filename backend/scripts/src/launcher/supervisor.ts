import { type Clock, errorMessage, systemClock } from '@know-foolery/shared/utils';
import {
  DEFAULT_RESTART_POLICY,
  RestartPolicy,
  type RestartPolicyOptions,
  validateRestartPolicy,
} from './restart-policy.js';
import { describeExit, type ExitStatus, type ProcessName, type ServiceProcess } from './service-process.js';

export interface SupervisorOptions {
  readonly services: readonly ProcessName[];
  /** Starts one process of a service; called again for every restart. */
  readonly launch: (service: ProcessName) => ServiceProcess;
  /** How long services may take to stop after SIGTERM before they are killed. */
  readonly stopTimeoutMs: number;
  readonly say: (line: string) => void;
  readonly restartPolicy?: RestartPolicyOptions;
  readonly clock?: Clock;
}

/** Why the supervisor gave up: a service that kept crashing, or one that could not be restarted. */
export interface GiveUp {
  readonly service: ProcessName;
  readonly lastExit: ExitStatus;
  readonly message: string;
}

interface Supervised {
  readonly service: ProcessName;
  readonly policy: RestartPolicy;
  current: ServiceProcess;
  restarts: number;
  pendingRestart: NodeJS.Timeout | null;
}

/**
 * Keeps services running as a process manager does: a service that dies is restarted after a
 * backoff while the others keep serving, until its restart policy gives up; then, or when asked,
 * every service is stopped (SIGTERM, SIGKILL after `stopTimeoutMs`) and pending restarts are cancelled.
 */
export class Supervisor {
  /** Settles, once every service has been stopped, when a service kept crashing. */
  readonly gaveUp: Promise<GiveUp>;
  readonly #options: SupervisorOptions;
  readonly #policy: RestartPolicyOptions;
  readonly #supervised = new Map<ProcessName, Supervised>();
  readonly #stopping = new AbortController();
  #stopped: Promise<boolean> | null = null;
  #giveUp: (reason: GiveUp) => void = () => undefined;

  constructor(options: SupervisorOptions) {
    this.#options = options;
    this.#policy = validateRestartPolicy(options.restartPolicy ?? DEFAULT_RESTART_POLICY);
    this.gaveUp = new Promise((resolve) => {
      this.#giveUp = resolve;
    });
  }

  /**
   * Starts these services (by default every one), each once: called again with the next ones to
   * start them in stages. If one cannot be started, kills every one started and throws.
   */
  start(services: readonly ProcessName[] = this.#options.services): void {
    const clock = this.#options.clock ?? systemClock;
    const started = [...this.#supervised.keys()];
    const invalid = services.filter(
      (service) => !this.#options.services.includes(service) || started.includes(service),
    );
    if (invalid.length > 0)
      throw new Error(`cannot start ${invalid.join(', ')}: not supervised here, or started already`);
    try {
      for (const service of services) {
        const current = this.#options.launch(service);
        const policy = new RestartPolicy(this.#policy, clock);
        this.#supervised.set(service, { service, policy, current, restarts: 0, pendingRestart: null });
        this.#options.say(`started ${service} (pid ${current.pid})`);
      }
    } catch (error) {
      this.kill();
      throw error;
    }
    for (const service of services) {
      const entry = this.#supervised.get(service);
      if (entry !== undefined) this.#watch(entry);
    }
  }

  /** Aborted as soon as the services are being stopped. */
  get stopSignal(): AbortSignal {
    return this.#stopping.signal;
  }

  /** The process of each service now running (or last run, while a restart is pending). */
  processes(): ServiceProcess[] {
    return [...this.#supervised.values()].map((entry) => entry.current);
  }

  /**
   * Stops every service and cancels pending restarts; resolves with whether every service that
   * was running stopped cleanly (exit code 0). Calling it again returns the same stop.
   */
  stop(reason: string): Promise<boolean> {
    this.#stopped ??= this.#stopAll(reason);
    return this.#stopped;
  }

  /** Kills every service at once: for a second Ctrl-C. */
  kill(): void {
    this.#stopping.abort();
    for (const entry of this.#supervised.values()) {
      this.#cancelRestart(entry);
      entry.current.signal('SIGKILL');
    }
  }

  #watch(entry: Supervised): void {
    const child = entry.current;
    child.exited.then((status) => {
      if (!this.#stopping.signal.aborted) this.#crashed(entry, status);
    });
  }

  #crashed(entry: Supervised, status: ExitStatus): void {
    const decision = entry.policy.crashed();
    const died = `${entry.service} exited unexpectedly with ${describeExit(status)}`;
    if (decision.action === 'give-up') {
      const seconds = decision.windowMs / 1000;
      this.#options.say(died);
      this.#fail(entry, status, `it crashed ${decision.crashes} times within ${seconds} s`);
      return;
    }
    this.#options.say(`${died}: restarting it in ${decision.delayMs} ms`);
    entry.pendingRestart = setTimeout(() => this.#restart(entry, status), decision.delayMs);
  }

  #restart(entry: Supervised, lastExit: ExitStatus): void {
    entry.pendingRestart = null;
    try {
      entry.current = this.#options.launch(entry.service);
    } catch (error) {
      this.#fail(entry, lastExit, `it could not be restarted (${errorMessage(error)})`);
      return;
    }
    entry.restarts += 1;
    entry.policy.started();
    this.#options.say(`restarted ${entry.service} (pid ${entry.current.pid}, restart ${entry.restarts})`);
    this.#watch(entry);
  }

  #fail(entry: Supervised, lastExit: ExitStatus, why: string): void {
    const message = `giving up on ${entry.service}: ${why}; its last exit was ${describeExit(lastExit)}`;
    this.#options.say(message);
    this.stop(`${entry.service} keeps failing`).then(() =>
      this.#giveUp({ service: entry.service, lastExit, message }),
    );
  }

  #cancelRestart(entry: Supervised): boolean {
    if (entry.pendingRestart === null) return false;
    clearTimeout(entry.pendingRestart);
    entry.pendingRestart = null;
    return true;
  }

  async #stopAll(reason: string): Promise<boolean> {
    this.#stopping.abort();
    const { say, stopTimeoutMs } = this.#options;
    say(`stopping all services (${reason})`);
    for (const entry of this.#supervised.values()) {
      if (this.#cancelRestart(entry)) say(`cancelled the pending restart of ${entry.service}`);
    }
    const running = this.processes().filter((child) => child.running);
    for (const child of running) child.signal('SIGTERM');
    const killer = setTimeout(() => {
      for (const child of running.filter((candidate) => candidate.running)) {
        say(`${child.service} did not stop in time: killing it`);
        child.signal('SIGKILL');
      }
    }, stopTimeoutMs);
    const statuses = await Promise.all(running.map((child) => child.exited));
    clearTimeout(killer);
    running.forEach((child, index) => {
      const status = statuses[index];
      if (status !== undefined && status.code !== 0)
        say(`${child.service} stopped with ${describeExit(status)}`);
    });
    return statuses.every((status) => status.code === 0);
  }
}
