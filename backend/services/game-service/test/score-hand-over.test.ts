import type { AuthenticatedUser } from '@know-foolery/shared/auth';
import type { CallContext } from '@know-foolery/shared/http-client';
import { testDialects } from '@know-foolery/shared/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FinalScore } from '../src/clients/downstreams.js';
import { ExpirySweeper } from '../src/use-cases/expiry-sweeper.js';
import { finishGame, type GameDeps, readGame, startGame } from '../src/use-cases/games.js';
import { gameServiceHarness, rules } from './harness.js';

const CONTEXT: CallContext = { requestId: 'req-1' };
const CHOICE = { theme: 'geography', difficulty: null, questionKinds: ['free_text', 'true_false'] } as const;

/** Handing a game's score to the leaderboard: once, never lost, and said out loud when it fails. */
describe.each(testDialects())('handing scores to the leaderboard on %s', (dialect) => {
  const harness = gameServiceHarness(dialect);
  let players = 0;

  function setUp() {
    players += 1;
    const user: AuthenticatedUser = {
      id: `hand-over-${players}`,
      roles: ['player'],
      name: null,
      issuedAt: new Date(),
      expiresAt: new Date(Date.now() + 3_600_000),
    };
    const calls: { score: FinalScore; context: CallContext }[] = [];
    const warnings: { details: Readonly<Record<string, unknown>>; message: string }[] = [];
    const leaderboard = { down: false };
    const base = harness.gameDeps();
    const deps: GameDeps = {
      ...base,
      downstreams: {
        ...base.downstreams,
        scoreboard: {
          record: async (score, context) => {
            calls.push({ score, context });
            if (leaderboard.down) throw new Error('leaderboard-service is down');
          },
        },
      },
      warn: (details, message) => warnings.push({ details, message }),
    };
    return { user, deps, calls, warnings, leaderboard };
  }

  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks the leaderboard once per game, however often the game is finished', async () => {
    const { user, deps, calls } = setUp();
    const game = await startGame(deps, user, CHOICE, CONTEXT);
    await finishGame(deps, user, game.id, CONTEXT);
    await finishGame(deps, user, game.id, CONTEXT);
    expect(calls.map((call) => call.score.gameId)).toEqual([game.id]);
  });

  it('warns, naming the game, when the leaderboard does not take a score, and the game stays ended', async () => {
    const { user, deps, warnings, leaderboard } = setUp();
    leaderboard.down = true;
    const game = await startGame(deps, user, CHOICE, CONTEXT);
    expect((await finishGame(deps, user, game.id, CONTEXT)).status).toBe('finished');
    expect(warnings).toEqual([
      {
        details: { err: expect.any(Error), gameId: game.id },
        message: 'the leaderboard did not take the score; the sweeper will retry',
      },
    ]);
  });

  it('asks nothing of the leaderboard to read a finished game, even once its time has run out', async () => {
    const { user, deps, calls, leaderboard } = setUp();
    leaderboard.down = true;
    const game = await startGame(deps, user, CHOICE, CONTEXT);
    await finishGame(deps, user, game.id, CONTEXT);
    harness.clock.advanceSeconds(rules.durationSeconds);
    expect((await readGame(deps, user, game.id, CONTEXT)).status).toBe('finished');
    expect(calls).toHaveLength(1);
  });

  it('hands the score of a game the sweeper expired over under a request id of its own', async () => {
    const { user, deps, calls } = setUp();
    const game = await startGame(deps, user, CHOICE, CONTEXT);
    harness.clock.advanceSeconds(rules.durationSeconds);
    await new ExpirySweeper(deps, 60_000).runOnce();
    const handedOver = calls.find((call) => call.score.gameId === game.id);
    expect(handedOver?.context.requestId).toMatch(/^expiry-sweep-[0-9a-f-]{36}$/);
  });

  it('sweeps on its interval, one sweep at a time, warns when one fails, and stops', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const { deps, warnings } = setUp();
    const broken: GameDeps = {
      ...deps,
      clock: {
        now: () => {
          throw new Error('the clock broke');
        },
      },
    };
    const sweeper = new ExpirySweeper(broken, 1_000);
    sweeper.start();
    vi.advanceTimersByTime(1_000);
    await vi.waitFor(() => expect(warnings).toHaveLength(1));
    vi.advanceTimersByTime(1_000);
    await vi.waitFor(() => expect(warnings).toHaveLength(2));
    expect(warnings[0]).toEqual({ details: { err: expect.any(Error) }, message: 'expiry sweep failed' });
    await sweeper.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
