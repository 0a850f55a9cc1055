import { ManualClock } from '@know-foolery/shared/testing';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RESTART_POLICY,
  RestartPolicy,
  type RestartPolicyOptions,
} from '../src/launcher/restart-policy.js';

const POLICY: RestartPolicyOptions = {
  initialDelayMs: 250,
  maxDelayMs: 2_000,
  stableAfterMs: 30_000,
  maxCrashes: 5,
  crashWindowMs: 60_000,
};

/** A service that dies `seconds` after each start, and the decisions its crashes get. */
function crashesAfter(policy: RestartPolicy, clock: ManualClock, seconds: readonly number[]) {
  return seconds.map((uptime) => {
    clock.advanceSeconds(uptime);
    const decision = policy.crashed();
    if (decision.action === 'restart') {
      clock.advanceSeconds(decision.delayMs / 1000);
      policy.started();
    }
    return decision;
  });
}

describe('the launcher’s restart policy', () => {
  it('restarts after 250 ms, doubling with every quick crash up to the cap', () => {
    const clock = new ManualClock();
    const policy = new RestartPolicy({ ...POLICY, maxCrashes: 100 }, clock);
    const delays = crashesAfter(policy, clock, [1, 1, 1, 1, 1, 1]).map((decision) =>
      decision.action === 'restart' ? decision.delayMs : decision.action,
    );
    expect(delays).toEqual([250, 500, 1_000, 2_000, 2_000, 2_000]);
  });

  it('starts the backoff over once the service stayed up for stableAfterMs', () => {
    const clock = new ManualClock();
    const policy = new RestartPolicy(POLICY, clock);
    crashesAfter(policy, clock, [1, 1, 1]);
    expect(crashesAfter(policy, clock, [29])).toEqual([{ action: 'restart', delayMs: 2_000 }]);
    expect(crashesAfter(policy, clock, [30])).toEqual([{ action: 'restart', delayMs: 250 }]);
  });

  it('gives up at the fifth crash within 60 s', () => {
    const clock = new ManualClock();
    const policy = new RestartPolicy(POLICY, clock);
    const decisions = crashesAfter(policy, clock, [0.1, 0.1, 0.1, 0.1, 0.1]);
    expect(decisions.map((decision) => decision.action)).toEqual([
      'restart',
      'restart',
      'restart',
      'restart',
      'give-up',
    ]);
    expect(decisions.at(-1)).toEqual({ action: 'give-up', crashes: 5, windowMs: 60_000 });
  });

  it('forgets crashes older than the window', () => {
    const clock = new ManualClock();
    const policy = new RestartPolicy(POLICY, clock);
    crashesAfter(policy, clock, [1, 1, 1, 1]);
    const later = crashesAfter(policy, clock, [57, 1]);
    expect(later.map((decision) => decision.action)).toEqual(['restart', 'restart']);
  });

  it('uses the numbers the issue asks for by default', () => {
    expect(DEFAULT_RESTART_POLICY).toEqual({
      initialDelayMs: 250,
      maxDelayMs: 10_000,
      stableAfterMs: 30_000,
      maxCrashes: 5,
      crashWindowMs: 60_000,
    });
  });

  it.each([
    [{ initialDelayMs: 0 }, /initialDelayMs must be a positive integer, got 0/],
    [{ maxCrashes: 2.5 }, /maxCrashes must be a positive integer, got 2.5/],
    [{ crashWindowMs: Number.NaN }, /crashWindowMs must be a positive integer, got NaN/],
    [{ initialDelayMs: 5_000, maxDelayMs: 1_000 }, /initialDelayMs \(5000\) exceeds maxDelayMs \(1000\)/],
  ])('refuses %j', (change, message) => {
    expect(() => new RestartPolicy({ ...POLICY, ...change }, new ManualClock())).toThrow(message);
  });
});
