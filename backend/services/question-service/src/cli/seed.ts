import { runSeed } from './seed-command.js';

process.exitCode = await runSeed(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
});
