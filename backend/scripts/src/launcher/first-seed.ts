import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SEED_COMMAND = fileURLToPath(
  new URL('../../../services/question-service/dist/cli/seed.js', import.meta.url),
);

/** Whether, and from where, the launcher fills an empty question bank before the services start. */
export interface FirstSeedPlan {
  readonly enabled: boolean;
  /** The seed command's PATH: its own default (the OpenTriviaQA data set beside the repository) when null. */
  readonly source: string | null;
}

export class FirstSeedSettingError extends Error {}

/**
 * `SEED_ON_START` (`true` or `false`; `true` unless `NODE_ENV=production`, whose bank admins keep)
 * and `SEED_SOURCE` (a data file or directory).
 */
export function planFirstSeed(env: NodeJS.ProcessEnv): FirstSeedPlan {
  const asked = env.SEED_ON_START;
  if (asked !== undefined && asked !== '' && asked !== 'true' && asked !== 'false')
    throw new FirstSeedSettingError(`SEED_ON_START: expected true or false, got "${asked}"`);
  const enabled = asked === undefined || asked === '' ? env.NODE_ENV !== 'production' : asked === 'true';
  const source = env.SEED_SOURCE === undefined || env.SEED_SOURCE === '' ? null : env.SEED_SOURCE;
  return { enabled, source };
}

/**
 * Runs the seed command with `--if-empty` in question-service's environment, so that a first
 * `npm start` has questions to play and later ones start at once. A seed that fails is said and
 * the platform starts all the same: an admin can still import.
 */
export async function seedEmptyBank(
  plan: FirstSeedPlan,
  env: NodeJS.ProcessEnv,
  onLine: (line: string) => void,
): Promise<boolean> {
  if (!existsSync(SEED_COMMAND)) {
    onLine(`${SEED_COMMAND} is missing: run npm run build`);
    return false;
  }
  const args = [SEED_COMMAND, '--if-empty', ...(plan.source === null ? [] : [plan.source])];
  const child = spawn(process.execPath, args, { cwd: process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr])
    createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', onLine);
  const code = await new Promise<number | null>((resolve) => {
    child.once('error', (error) => {
      onLine(`could not run the seed command: ${error.message}`);
      resolve(null);
    });
    child.once('exit', (exitCode) => resolve(exitCode));
  });
  if (code === 0) return true;
  onLine(
    `the question bank was not seeded (${code === null ? 'the command did not run' : `exit code ${code}`}): ` +
      'the platform starts with what it holds; import with npm run db:seed PATH or as an admin',
  );
  return false;
}
