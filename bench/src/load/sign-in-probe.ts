import { sleep } from '@know-foolery/shared/utils';
import { type Credentials, signInPlayer } from './sign-in.js';

export interface ProbeResult {
  /** From the fault's end to the first sign-in that worked; undefined when none did within the limit. */
  readonly signedInAfterMs: number | undefined;
  readonly failures: number;
  readonly lastFailure: string | undefined;
}

const PROBE_INTERVAL_MS = 250;
const PROBE_LIMIT_MS = 30_000;

/**
 * A new person signs in from the moment a fault at the identity provider ends until it works: the
 * whole flow (login page, code redeemed, tokens verified with the provider's keys, session opened).
 */
export async function probeSignIn(
  gatewayUrl: string,
  credentials: Credentials,
  faultEndedAtMs: number,
  clock: () => number,
): Promise<ProbeResult> {
  let failures = 0;
  let lastFailure: string | undefined;
  while (clock() - faultEndedAtMs < PROBE_LIMIT_MS) {
    try {
      await signInPlayer(gatewayUrl, credentials);
      return { signedInAfterMs: clock() - faultEndedAtMs, failures, lastFailure };
    } catch (error) {
      failures += 1;
      lastFailure = error instanceof Error ? error.message : String(error);
      await sleep(PROBE_INTERVAL_MS);
    }
  }
  return { signedInAfterMs: undefined, failures, lastFailure };
}
