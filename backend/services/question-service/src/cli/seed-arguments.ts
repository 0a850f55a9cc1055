import { parseArgs } from 'node:util';
import { errorMessage } from '@know-foolery/shared/utils';
import type { ImportMode } from '../import/importer.js';

export const DEFAULT_SOURCE = '../shared/data/opentriviaqa/categories';

export const USAGE = `usage: seed [--mode add|replace] [--if-empty] [--report FILE] [--json] [PATH]
  PATH            a data file, or a directory read with its subdirectories
                  (default: ${DEFAULT_SOURCE})
  --mode add      insert the questions that are new, leave the others alone (the default)
  --mode replace  each theme in PATH keeps exactly the questions PATH holds for it: new ones
                  are added, stored ones come back into play, the others are deactivated
  --if-empty      import only into a bank that holds no question yet (what npm start does)
  --report FILE   write every rejected block and warning to FILE (by default the first ones
                  are printed and, when there are more, all of them go to a file under .data/)
  --json          print the report as JSON`;

export interface SeedArguments {
  readonly help: boolean;
  readonly json: boolean;
  /** Import only when the bank holds no question: a platform's first start, not every start. */
  readonly ifEmpty: boolean;
  readonly mode: ImportMode;
  readonly report: string | null;
  readonly path: string;
}

/** A command line the seed cannot run: exit code 2, with the usage. */
export class UsageError extends Error {}

function modeOf(value: string | undefined): ImportMode {
  if (value === undefined || value === 'add') return 'add';
  if (value === 'replace') return 'replace';
  throw new UsageError(`--mode: expected add or replace, got "${value}"`);
}

export function readSeedArguments(argv: readonly string[]): SeedArguments {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError('one PATH at most');
  if (values.report === '') throw new UsageError('--report: expected a file name');
  return {
    help: values.help ?? false,
    json: values.json ?? false,
    ifEmpty: values['if-empty'] ?? false,
    mode: modeOf(values.mode),
    report: values.report ?? null,
    path: positionals[0] ?? DEFAULT_SOURCE,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      mode: { type: 'string' },
      report: { type: 'string' },
      json: { type: 'boolean' },
      'if-empty': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
  });
}
