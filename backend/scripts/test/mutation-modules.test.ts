import { describe, expect, it } from 'vitest';
import {
  chooseModules,
  loadMutationModules,
  type MutationModule,
  parseMutateArguments,
  UsageError,
} from '../src/mutation/modules.js';

const MODULES: readonly MutationModule[] = [
  { name: 'game-rules', tier: 'ci' },
  { name: 'game-play', tier: 'scheduled' },
  { name: 'periods', tier: 'ci' },
];

const choose = (argv: readonly string[]) =>
  chooseModules(MODULES, parseMutateArguments(argv)).map((module) => module.name);

describe('choosing the modules to mutate', () => {
  it('takes every module by default, those of a tier, or those named, in the order of the table', () => {
    expect(choose([])).toEqual(['game-rules', 'game-play', 'periods']);
    expect(choose(['--tier', 'ci'])).toEqual(['game-rules', 'periods']);
    expect(choose(['periods', 'game-rules'])).toEqual(['game-rules', 'periods']);
  });

  it.each([
    [['--tier', 'nightly'], /--tier: expected ci or scheduled/],
    [['game-ruls'], /unknown module game-ruls \(known: game-rules, game-play, periods\)/],
    [['--fast'], /Unknown option '--fast'/],
  ])('refuses %j', (argv, message) => {
    expect(() => choose(argv)).toThrow(UsageError);
    expect(() => choose(argv)).toThrow(message);
  });

  it("reads the project's table: every module has a tier, and the pure ones run in CI", async () => {
    const modules = await loadMutationModules(
      new URL('../../../stryker.modules.json', import.meta.url).pathname,
    );
    expect(modules.filter((module) => module.tier === 'ci').map((module) => module.name)).toEqual([
      'game-rules',
      'leaderboard-rules',
    ]);
    expect(modules.length).toBeGreaterThan(2);
  });
});
