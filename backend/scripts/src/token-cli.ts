import { errorMessage } from '@know-foolery/shared/utils';
import { issueDevToken, TokenCommandError } from './token.js';

try {
  process.stdout.write(`${await issueDevToken(process.argv.slice(2), process.env)}\n`);
} catch (error) {
  process.stderr.write(`token: ${errorMessage(error)}\n`);
  process.exitCode = error instanceof TokenCommandError ? error.exitCode : 1;
}
