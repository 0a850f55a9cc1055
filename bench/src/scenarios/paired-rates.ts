/** Calls in flight at once while a rate is measured. */
export const IN_FLIGHT = 50;
/** Rounds per measurement: a neighbour's burst on a busy machine then spoils one round, not the result. */
export const ROUNDS = 6;

export const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Calls per second over `durationMs`, `IN_FLIGHT` at a time. */
async function callsPerSecond(
  durationMs: number,
  call: (index: number) => Promise<unknown>,
): Promise<number> {
  const deadline = performance.now() + durationMs;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async (_, worker) => {
      for (let index = worker; performance.now() < deadline; index += IN_FLIGHT) {
        await call(index);
        done += 1;
      }
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

/**
 * Alternating short rounds of the raw call and the measured one over `durationMs` in all; each
 * measured round is compared with the raw round just before it, and the median of those ratios is
 * the result.
 */
export async function pairedRates(
  durationMs: number,
  raw: (index: number) => Promise<unknown>,
  measured: (index: number) => Promise<unknown>,
): Promise<{ raw: number; measured: number; ratio: number }> {
  const roundMs = durationMs / (2 * ROUNDS);
  const rawRates: number[] = [];
  const measuredRates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    rawRates.push(await callsPerSecond(roundMs, raw));
    measuredRates.push(await callsPerSecond(roundMs, measured));
  }
  return {
    raw: median(rawRates),
    measured: median(measuredRates),
    ratio: median(measuredRates.map((rate, round) => rate / (rawRates[round] ?? rate))),
  };
}
