import { sleep } from '@know-foolery/shared/utils';
import type { PlannedFault } from './schedule.js';
import { servicePid } from './service-processes.js';
import type { Stage } from './stage.js';

/** A fault as it happened: milliseconds from the start of the load. */
export interface InjectedFault {
  readonly planned: PlannedFault;
  readonly startedAtMs: number;
  readonly endedAtMs: number;
  readonly detail: string;
}

export interface FaultTargets {
  readonly stage: Stage;
  /** The service whose process a kill-service fault SIGKILLs ("game"). */
  readonly killedService: string;
  /** Milliseconds since the start of the load. */
  readonly clock: () => number;
}

/** Starts the fault, waits its duration, ends it; answers when it began and ended. */
export async function injectFault(fault: PlannedFault, targets: FaultTargets): Promise<InjectedFault> {
  const { stage, clock } = targets;
  const startedAtMs = clock();
  const done = (detail: string): InjectedFault => ({
    planned: fault,
    startedAtMs,
    endedAtMs: clock(),
    detail,
  });
  const during = () => sleep(fault.durationSeconds * 1000);
  switch (fault.kind) {
    case 'kill-service': {
      const pid = servicePid(targets.killedService);
      process.kill(pid, 'SIGKILL');
      return done(`${targets.killedService}-service, pid ${pid}`);
    }
    case 'redis-cut':
      await stage.redisRelay.cut();
      await during();
      await stage.redisRelay.restore();
      return done(`${fault.durationSeconds} s`);
    case 'postgres-cut':
      await stage.postgresRelay.cut();
      await during();
      await stage.postgresRelay.restore();
      return done(`${fault.durationSeconds} s`);
    case 'identity-stop':
      await stage.identity.relay.cut();
      await during();
      await stage.identity.relay.restore();
      return done(`${fault.durationSeconds} s`);
    case 'key-rotation':
      await stage.identity.provider.rotateSigningKey();
      return done('the next key signs from now on');
  }
}
