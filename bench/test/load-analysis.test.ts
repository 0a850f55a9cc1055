import { describe, expect, it } from 'vitest';
import { analyse } from '../src/load/analysis.js';
import type { InjectedFault } from '../src/load/faults.js';
import { describeStatus, isError, type Outcome } from '../src/load/outcomes.js';
import { invariantViolations, type LoadReport, renderLoadReport } from '../src/load/report.js';
import { PROFILES } from '../src/load/schedule.js';

const ok = (atMs: number, latencyMs = 10): Outcome => ({ step: 'answer', atMs, latencyMs, status: 200 });
const failed = (atMs: number, status: number, code?: string): Outcome => ({
  step: 'answer',
  atMs,
  latencyMs: 10,
  status,
  ...(code === undefined ? {} : { code }),
});

/** A Redis cut from 10 s to 15 s (goal 5 s: its window ends at 20 s), then a PostgreSQL cut at 40 s. */
const REDIS_CUT: InjectedFault = {
  planned: { kind: 'redis-cut', atSeconds: 10, durationSeconds: 5 },
  startedAtMs: 10_000,
  endedAtMs: 15_000,
  detail: '',
};
const POSTGRES_CUT: InjectedFault = {
  planned: { kind: 'postgres-cut', atSeconds: 40, durationSeconds: 5 },
  startedAtMs: 40_000,
  endedAtMs: 45_000,
  detail: '',
};

describe('what a player counts as an error', () => {
  it('is no answer, a server error, or a refusal of the session; never a success or a 409', () => {
    expect([0, 401, 403, 429, 500, 503].map((status) => isError(failed(0, status)))).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([200, 201, 204, 400, 404, 409].map((status) => isError(failed(0, status)))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(describeStatus(failed(0, 0, 'ECONNRESET'))).toBe('no response (ECONNRESET)');
    expect(describeStatus(failed(0, 0))).toBe('no response (unknown)');
    expect(describeStatus(failed(0, 503, 'DATABASE_UNAVAILABLE'))).toBe('503 DATABASE_UNAVAILABLE');
    expect(describeStatus(failed(0, 502))).toBe('502');
  });
});

describe('the analysis of a load run', () => {
  it("counts a fault's errors in its window by status, and its recovery from its end to the first success after its last error", () => {
    const analysis = analyse(
      [
        ok(9_000),
        failed(11_000, 503, 'UPSTREAM_UNAVAILABLE'),
        failed(12_000, 503, 'UPSTREAM_UNAVAILABLE'),
        failed(16_000, 0, 'ECONNRESET'),
        ok(17_500),
        ok(30_000),
      ],
      [REDIS_CUT],
    );
    const [fault] = analysis.faults;
    expect(fault?.errorsByStatus).toEqual(
      new Map([
        ['503 UPSTREAM_UNAVAILABLE', 2],
        ['no response (ECONNRESET)', 1],
      ]),
    );
    expect(fault?.recoveryMs).toBe(2_500);
    expect(fault?.goalMs).toBe(5_000);
    expect(fault?.errorsAfterWindow).toBe(0);
    expect(analysis.errorsOutsideWindows.size).toBe(0);
    expect([analysis.requests, analysis.errors]).toEqual([6, 3]);
  });

  it('takes a fault no error followed as recovered at its end, whatever came in before it', () => {
    const analysis = analyse([failed(5_000, 500, 'INTERNAL_ERROR'), ok(12_000), ok(16_000)], [REDIS_CUT]);
    expect(analysis.faults[0]?.recoveryMs).toBe(0);
    expect(analysis.errorsOutsideWindows).toEqual(new Map([['500 INTERNAL_ERROR', 1]]));
    expect(analysis.firstErrorOutsideMs).toBe(5_000);
  });

  it("counts errors past a fault's window against it until the next fault, and a recovery that never came", () => {
    const analysis = analyse(
      [
        failed(14_000, 503),
        failed(25_000, 503),
        failed(26_000, 503),
        ok(27_000),
        ok(39_000),
        failed(41_000, 503),
        failed(50_000, 503),
      ],
      [REDIS_CUT, POSTGRES_CUT],
    );
    const [redis, postgres] = analysis.faults;
    expect(redis?.errorsByStatus).toEqual(new Map([['503', 1]]));
    expect(redis?.errorsAfterWindow).toBe(2);
    expect(redis?.recoveryMs).toBe(12_000);
    expect(postgres?.recoveryMs).toBeUndefined();
    // In no window: the two after the Redis cut's (the PostgreSQL cut's last error is at its window's end).
    expect(analysis.errorsOutsideWindows).toEqual(new Map([['503', 2]]));
    expect(analysis.firstErrorOutsideMs).toBe(25_000);
  });

  it('reads the latency quantiles and the conflicts of every request', () => {
    const outcomes = Array.from({ length: 100 }, (_, index) => ok(index * 10, index + 1));
    const analysis = analyse([...outcomes, failed(2_000, 409)], []);
    expect(analysis.latencyP50Ms).toBe(50);
    expect(analysis.latencyP99Ms).toBe(99);
    expect(analysis.conflicts).toBe(1);
    expect(analysis.errors).toBe(0);
    expect(analyse([], []).latencyP99Ms).toBe(0);
  });
});

describe('the load report', () => {
  const report = (overrides: Partial<LoadReport>): LoadReport => ({
    profile: PROFILES.ci,
    rate: 10,
    players: 4,
    killedService: 'game',
    analysis: analyse([ok(1_000), failed(11_000, 503), ok(12_000)], [REDIS_CUT]),
    probes: new Map(),
    invariants: [{ name: 'every answer recorded once', checked: 3, violations: 0, examples: [] }],
    lostAnswers: 0,
    acceptedAnswers: 3,
    unknownAnswers: 0,
    finishedGames: 1,
    unserved: 0,
    loadAverage: { before: [0.5, 0.5, 0.5], after: [1, 1, 1] },
    ...overrides,
  });

  it('marks the goals met, and says nothing of missed ones, when every fault recovered in time', () => {
    const markdown = renderLoadReport(report({}));
    expect(markdown).toContain('503 × 1');
    expect(markdown).not.toContain('## Why goals were missed');
    expect(invariantViolations(report({}))).toBe(0);
  });

  it('explains a missed recovery and lost answers, and counts the violations of the invariants', () => {
    const slow = report({
      analysis: analyse([failed(11_000, 503), failed(25_000, 503), ok(26_000)], [REDIS_CUT]),
      lostAnswers: 2,
      invariants: [
        { name: 'every answer recorded once', checked: 5, violations: 2, examples: ['a', 'b'] },
        { name: 'no game scored twice', checked: 1, violations: 1, examples: ['c'] },
      ],
    });
    const markdown = renderLoadReport(slow);
    expect(markdown).toContain('## Why goals were missed');
    expect(markdown).toContain('- Fault 1 (redis-cut) recovered after 11.0 s, goal 5 s');
    expect(markdown).toContain('2 answers a client saw accepted are not in question_attempts');
    expect(invariantViolations(slow)).toBe(3);
  });
});
