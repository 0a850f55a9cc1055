import type { InjectedFault } from './faults.js';
import { describeStatus, isError, type Outcome } from './outcomes.js';
import { RECOVERY_GOAL_SECONDS } from './schedule.js';

export interface FaultAnalysis {
  readonly fault: InjectedFault;
  readonly goalMs: number;
  /** Errors between the fault's start and the end of its window (its end plus the goal), by status. */
  readonly errorsByStatus: ReadonlyMap<string, number>;
  /**
   * From the fault's end to the first success after the last error before the next fault (0 when
   * no error followed its start); undefined when requests never succeeded again.
   */
  readonly recoveryMs: number | undefined;
  /** Errors after its window and before the next fault: a recovery slower than the goal shows here. */
  readonly errorsAfterWindow: number;
}

export interface LoadAnalysis {
  readonly faults: readonly FaultAnalysis[];
  /** Errors in no fault's window, by status, with when the first of them came. */
  readonly errorsOutsideWindows: ReadonlyMap<string, number>;
  readonly firstErrorOutsideMs: number | undefined;
  readonly requests: number;
  readonly errors: number;
  readonly conflicts: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
}

function windowOf(fault: InjectedFault): { from: number; to: number } {
  return { from: fault.startedAtMs, to: fault.endedAtMs + RECOVERY_GOAL_SECONDS[fault.planned.kind] * 1000 };
}

function countInto(counts: Map<string, number>, outcome: Outcome): void {
  const key = describeStatus(outcome);
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

export function analyse(outcomes: readonly Outcome[], faults: readonly InjectedFault[]): LoadAnalysis {
  const byTime = [...outcomes].sort((a, b) => a.atMs - b.atMs);
  const analysed = faults.map((fault, index) => {
    const spanEnd = faults[index + 1]?.startedAtMs ?? Number.POSITIVE_INFINITY;
    const window = windowOf(fault);
    const errorsByStatus = new Map<string, number>();
    let lastErrorAt: number | undefined;
    let errorsAfterWindow = 0;
    for (const outcome of byTime) {
      if (outcome.atMs < fault.startedAtMs || outcome.atMs >= spanEnd || !isError(outcome)) continue;
      if (outcome.atMs <= window.to) countInto(errorsByStatus, outcome);
      else errorsAfterWindow += 1;
      lastErrorAt = outcome.atMs;
    }
    const recoveredAt =
      lastErrorAt === undefined
        ? fault.endedAtMs
        : byTime.find((outcome) => outcome.atMs > (lastErrorAt ?? 0) && !isError(outcome))?.atMs;
    return {
      fault,
      goalMs: RECOVERY_GOAL_SECONDS[fault.planned.kind] * 1000,
      errorsByStatus,
      recoveryMs: recoveredAt === undefined ? undefined : Math.max(0, recoveredAt - fault.endedAtMs),
      errorsAfterWindow,
    };
  });

  const windows = faults.map(windowOf);
  const errorsOutsideWindows = new Map<string, number>();
  let firstErrorOutsideMs: number | undefined;
  for (const outcome of byTime) {
    if (
      !isError(outcome) ||
      windows.some((window) => outcome.atMs >= window.from && outcome.atMs <= window.to)
    )
      continue;
    countInto(errorsOutsideWindows, outcome);
    firstErrorOutsideMs ??= outcome.atMs;
  }

  const latencies = outcomes.map((outcome) => outcome.latencyMs).sort((a, b) => a - b);
  const quantile = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)] ?? 0;
  return {
    faults: analysed,
    errorsOutsideWindows,
    firstErrorOutsideMs,
    requests: outcomes.length,
    errors: outcomes.filter(isError).length,
    conflicts: outcomes.filter((outcome) => outcome.status === 409).length,
    latencyP50Ms: quantile(0.5),
    latencyP99Ms: quantile(0.99),
  };
}
