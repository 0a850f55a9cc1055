import type { Outcome } from './outcomes.js';
import type { LoadPlayer } from './player.js';

export interface OpenModelRun {
  readonly rate: number;
  readonly durationMs: number;
  readonly players: readonly LoadPlayer[];
  /** Milliseconds since the start of the load: the one clock of the run. */
  readonly clock: () => number;
}

export interface OpenModelResult {
  readonly outcomes: Outcome[];
  /** Arrivals still waiting for a free player, or unanswered, when the run ended. */
  readonly unserved: number;
}

const DRAIN_LIMIT_MS = 20_000;
const TICK_MS = 5;

/**
 * Requests arrive at a steady rate whether or not earlier ones were answered (an open model, as
 * in ../open-load.ts): arrival k is due at k / rate. An arrival takes a free player, who makes
 * their next request; when every player is busy it waits for the first one free, and the wait
 * counts in its latency. Starts at clock() = 0.
 */
export async function runOpenModel(run: OpenModelRun): Promise<OpenModelResult> {
  const intervalMs = 1000 / run.rate;
  const outcomes: Outcome[] = [];
  const idle = [...run.players];
  const waiting: number[] = [];
  const inFlight = new Set<Promise<void>>();
  let accepting = true;

  const serve = (player: LoadPlayer, dueAtMs: number): void => {
    const done = player
      .step()
      .then(({ step, answered }) => {
        const atMs = run.clock();
        outcomes.push({
          step,
          atMs,
          latencyMs: atMs - dueAtMs,
          status: answered.status,
          ...(answered.code === undefined ? {} : { code: answered.code }),
        });
      })
      .catch((error: unknown) => {
        const atMs = run.clock();
        const code = error instanceof Error ? error.message : String(error);
        outcomes.push({ step: 'answer', atMs, latencyMs: atMs - dueAtMs, status: 0, code });
      })
      .finally(() => {
        inFlight.delete(done);
        const nextDue = accepting ? waiting.shift() : undefined;
        if (nextDue === undefined) idle.push(player);
        else serve(player, nextDue);
      });
    inFlight.add(done);
  };

  let arrivals = 0;
  while (run.clock() < run.durationMs) {
    for (let dueAtMs = arrivals * intervalMs; dueAtMs <= run.clock(); dueAtMs = arrivals * intervalMs) {
      arrivals += 1;
      const player = idle.shift();
      if (player === undefined) waiting.push(dueAtMs);
      else serve(player, dueAtMs);
    }
    await new Promise((resolve) => setTimeout(resolve, TICK_MS));
  }
  accepting = false;
  const drainUntil = run.clock() + DRAIN_LIMIT_MS;
  while (inFlight.size > 0 && run.clock() < drainUntil)
    await Promise.race([...inFlight, new Promise((resolve) => setTimeout(resolve, 1_000))]);
  return { outcomes, unserved: waiting.length + inFlight.size };
}
