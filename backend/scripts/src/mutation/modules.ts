import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { errorMessage, isRecord } from '@know-foolery/shared/utils';

export const MUTATION_TIERS = ['ci', 'scheduled'] as const;
export type MutationTier = (typeof MUTATION_TIERS)[number];

/** A module of stryker.modules.json: Stryker and vitest read its globs, the runner its name and tier. */
export interface MutationModule {
  readonly name: string;
  readonly tier: MutationTier;
}

export class UsageError extends Error {}

export const USAGE = `usage: npm run mutate [-- --tier ci|scheduled] [module ...]
Mutation-tests the modules of stryker.modules.json (all of them, those of one tier, or those named)
one after another, then holds each to the floor.`;

const isTier = (value: unknown): value is MutationTier => MUTATION_TIERS.some((tier) => tier === value);

export async function loadMutationModules(file: string): Promise<MutationModule[]> {
  const table: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (!isRecord(table)) throw new Error(`${file} holds no table of modules`);
  return Object.entries(table).map(([name, module]) => {
    const tier = isRecord(module) ? module.tier : undefined;
    if (!isTier(tier)) {
      throw new Error(`${file}: the module ${name} needs a tier, ${MUTATION_TIERS.join(' or ')}`);
    }
    return { name, tier };
  });
}

export interface ModuleChoice {
  readonly tier: MutationTier | undefined;
  readonly names: readonly string[];
}

export function parseMutateArguments(argv: readonly string[]): ModuleChoice {
  let parsed: { values: { tier?: string | undefined }; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], options: { tier: { type: 'string' } }, allowPositionals: true });
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
  const { tier } = parsed.values;
  if (tier !== undefined && !isTier(tier)) {
    throw new UsageError(`--tier: expected ${MUTATION_TIERS.join(' or ')}, got "${tier}"`);
  }
  return { tier, names: parsed.positionals };
}

/** The modules named, else those of the tier, else all of them; in the order the table lists them. */
export function chooseModules(modules: readonly MutationModule[], choice: ModuleChoice): MutationModule[] {
  const { tier, names } = choice;
  const unknown = names.filter((name) => !modules.some((module) => module.name === name));
  if (unknown.length > 0) {
    const known = modules.map((module) => module.name).join(', ');
    throw new UsageError(`unknown module ${unknown.join(', ')} (known: ${known})`);
  }
  return modules.filter(
    (module) =>
      (names.length === 0 || names.includes(module.name)) && (tier === undefined || module.tier === tier),
  );
}
