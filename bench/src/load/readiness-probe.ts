import { sleep } from '@know-foolery/shared/utils';

const PROBE_INTERVAL_MS = 100;
const PROBE_LIMIT_MS = 60_000;

/**
 * From a fault's end until `url` (a service's /health/ready) answers 200: for a killed service,
 * how long the launcher's restart and the new process's start-up took, which bounds its recovery.
 * Undefined when it did not within a minute.
 */
export async function probeReady(
  url: string,
  faultEndedAtMs: number,
  clock: () => number,
): Promise<number | undefined> {
  while (clock() - faultEndedAtMs < PROBE_LIMIT_MS) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await response.body?.cancel();
      if (response.ok) return clock() - faultEndedAtMs;
    } catch {
      // not listening yet
    }
    await sleep(PROBE_INTERVAL_MS);
  }
  return undefined;
}
