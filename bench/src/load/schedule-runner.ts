import { SERVICE_NAMES } from '@know-foolery/shared/config';
import { sleep } from '@know-foolery/shared/utils';
import { type InjectedFault, injectFault } from './faults.js';
import type { LoadOptions } from './options.js';
import { log } from './progress.js';
import { probeReady } from './readiness-probe.js';
import { renewalCounts, renewalsBetween } from './renewal-counts.js';
import type { FaultKind } from './schedule.js';
import type { Credentials } from './sign-in.js';
import { probeSignIn } from './sign-in-probe.js';
import type { Stage } from './stage.js';

/** Faults after which a fresh person signs in, to see the identity provider serve sign-ins again. */
const PROBED_FAULTS: ReadonlySet<FaultKind> = new Set(['identity-stop', 'key-rotation']);

export interface Schedule {
  readonly faults: InjectedFault[];
  /** What a probe after each fault's end saw, by the fault's index. */
  readonly probes: Map<number, string>;
}

function afterSeconds(ms: number | undefined): string {
  return ms === undefined ? "not within the probe's limit" : `after ${(ms / 1000).toFixed(1)} s`;
}

/** Right after a fault: when the killed service is ready again, or when a new person can sign in again. */
async function probeAfter(
  injected: InjectedFault,
  stage: Stage,
  options: LoadOptions,
  probe: Credentials | undefined,
  clock: () => number,
): Promise<string | undefined> {
  const service = SERVICE_NAMES.find((name) => name === options.killedService);
  if (injected.planned.kind === 'kill-service' && service !== undefined) {
    const ready = await probeReady(`${stage.platform.urls[service]}/health/ready`, injected.endedAtMs, clock);
    return `${service}-service ready ${afterSeconds(ready)}`;
  }
  if (!PROBED_FAULTS.has(injected.planned.kind) || probe === undefined) return undefined;
  const signIn = await probeSignIn(stage.platform.gatewayUrl, probe, injected.endedAtMs, clock);
  const failed =
    signIn.failures === 0 ? '' : ` (${signIn.failures} failed before: ${signIn.lastFailure ?? ''})`;
  return `a new sign-in worked ${afterSeconds(signIn.signedInAfterMs)}${failed}`;
}

/**
 * Injects the profile's faults at their times while the load runs. After a fault at the identity
 * provider, session-service's token renewals are counted until the next fault (or the end of the
 * load), to show that sessions did renew across it, and how many renewals found it unavailable.
 */
export async function runSchedule(
  options: LoadOptions,
  stage: Stage,
  probeNames: readonly string[],
  clock: () => number,
): Promise<Schedule> {
  const probeCredentials = await stage.identity.createPlayers(probeNames);
  const schedule: Schedule = { faults: [], probes: new Map() };
  const countRenewals = () => renewalCounts(stage.platform.urls.session);
  let renewalsSince: { index: number; seen: string; counts: ReadonlyMap<string, number> } | undefined;
  const closeRenewals = async () => {
    if (renewalsSince === undefined) return;
    const renewals = renewalsBetween(renewalsSince.counts, await countRenewals());
    schedule.probes.set(
      renewalsSince.index,
      `${renewalsSince.seen}; session token renewals from its start to the next fault: ${renewals}`,
    );
    renewalsSince = undefined;
  };
  for (const [index, planned] of options.profile.faults.entries()) {
    await sleep(Math.max(0, planned.atSeconds * 1000 - clock()));
    await closeRenewals();
    log(`${planned.kind} at ${(clock() / 1000).toFixed(1)} s`);
    const countsAtStart = await countRenewals();
    let injected: InjectedFault;
    try {
      injected = await injectFault(planned, { stage, killedService: options.killedService, clock });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      injected = { planned, startedAtMs: clock(), endedAtMs: clock(), detail: `not injected: ${reason}` };
    }
    schedule.faults.push(injected);
    const seen = await probeAfter(injected, stage, options, probeCredentials[index], clock);
    if (PROBED_FAULTS.has(planned.kind)) renewalsSince = { index, seen: seen ?? '', counts: countsAtStart };
    else if (seen !== undefined) schedule.probes.set(index, seen);
  }
  await sleep(Math.max(0, options.profile.totalSeconds * 1000 - clock()));
  await closeRenewals();
  return schedule;
}
