import { bootstrap } from './bootstrap.js';
import { BootstrapError } from './errors.js';
import { readOptions } from './options.js';

/**
 * `npm run zitadel:bootstrap -- --issuer URL --pat-file FILE`: sets a Zitadel instance up for the
 * platform and writes the services' env file. Prints ids and what it did, never a secret.
 * Exit codes: 0 done, 1 Zitadel or the env file failed, 64 bad usage.
 */
const EXIT_FAILED = 1;
const EXIT_USAGE = 64;

try {
  const options = readOptions(process.argv.slice(2), process.env);
  const report = await bootstrap(options);
  for (const line of report.lines) process.stdout.write(`${line.what}: ${line.id} (${line.outcome})\n`);
  process.stdout.write(
    `the services' variables in ${options.outFile}: ${report.envFileChanged ? 'written' : 'unchanged'}, mode 0600\n`,
  );
} catch (error) {
  if (!(error instanceof BootstrapError)) throw error;
  process.stderr.write(`zitadel-bootstrap failed [${error.code}]: ${error.message}\n`);
  process.exitCode = error.code === 'BOOTSTRAP_BAD_INPUT' ? EXIT_USAGE : EXIT_FAILED;
}
