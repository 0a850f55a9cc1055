import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { BootstrapError, BootstrapErrorCode } from './errors.js';

export interface BootstrapOptions {
  /** The issuer, as the services will name it (ZITADEL_ISSUER). */
  readonly issuer: string;
  /** Where Zitadel's API is reached; the issuer unless told otherwise. */
  readonly apiUrl: string;
  readonly personalAccessToken: string;
  /** The env file written for the services (and read back on the next run). */
  readonly outFile: string;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
  /** Create the development accounts (public passwords): off for anything but a development instance. */
  readonly devAccounts: boolean;
  readonly timeoutMs: number;
}

export const USAGE = `usage: zitadel-bootstrap --issuer URL (--pat-file FILE | ZITADEL_BOOTSTRAP_PAT) [options]

  --issuer URL                 Zitadel's issuer, as its tokens name it (or ZITADEL_ISSUER)
  --api-url URL                where its API answers (default: the issuer; or ZITADEL_API_URL)
  --pat-file FILE              a file holding an administrator's personal access token
                               (or ZITADEL_BOOTSTRAP_PAT_FILE, or the token in ZITADEL_BOOTSTRAP_PAT)
  --out FILE                   the env file written for the services (default: .data/zitadel-bootstrap/services.env)
  --redirect-uri URL           the gateway's callback (default: http://localhost:3000/api/v1/auth/callback)
  --post-logout-redirect-uri URL  where sign-out lands (default: http://localhost:3000/)
  --no-dev-accounts            do not create the development accounts (their passwords are public)
  --timeout-ms N               timeout of one call to Zitadel (default: 10000)`;

const DEFAULT_OUT_FILE = '.data/zitadel-bootstrap/services.env';
const DEFAULT_GATEWAY = 'http://localhost:3000';

function bad(message: string): BootstrapError {
  return new BootstrapError(BootstrapErrorCode.badInput, `${message}\n${USAGE}`);
}

function httpUrl(name: string, value: string): string {
  if (!URL.canParse(value) || !['http:', 'https:'].includes(new URL(value).protocol)) {
    throw bad(`${name} must be an http or https URL, got "${value}"`);
  }
  return value;
}

function readToken(file: string | undefined, inline: string | undefined): string {
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw bad(`the personal access token file ${file} cannot be read: ${reason}`);
    }
    const token = text.trim();
    if (token === '') throw bad(`the personal access token file ${file} is empty`);
    return token;
  }
  if (inline !== undefined && inline.trim() !== '') return inline.trim();
  throw bad('no personal access token: give --pat-file, ZITADEL_BOOTSTRAP_PAT_FILE or ZITADEL_BOOTSTRAP_PAT');
}

/** The options from the command line, then the environment; every problem is a BOOTSTRAP_BAD_INPUT. */
export function readOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BootstrapOptions {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw bad(error instanceof Error ? error.message : String(error));
  }
  const issuer = values.issuer ?? env.ZITADEL_ISSUER;
  if (issuer === undefined) throw bad('no issuer: give --issuer or ZITADEL_ISSUER');
  const timeoutText = values['timeout-ms'] ?? '10000';
  const timeoutMs = Number(timeoutText);
  if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 120_000) {
    throw bad(`--timeout-ms must be an integer from 100 to 120000, got "${timeoutText}"`);
  }
  return {
    issuer: httpUrl('the issuer', issuer),
    apiUrl: httpUrl('the API URL', values['api-url'] ?? env.ZITADEL_API_URL ?? issuer),
    personalAccessToken: readToken(
      values['pat-file'] ?? env.ZITADEL_BOOTSTRAP_PAT_FILE,
      env.ZITADEL_BOOTSTRAP_PAT,
    ),
    outFile: values.out ?? DEFAULT_OUT_FILE,
    redirectUri: httpUrl(
      '--redirect-uri',
      values['redirect-uri'] ?? `${DEFAULT_GATEWAY}/api/v1/auth/callback`,
    ),
    postLogoutRedirectUri: httpUrl(
      '--post-logout-redirect-uri',
      values['post-logout-redirect-uri'] ?? `${DEFAULT_GATEWAY}/`,
    ),
    devAccounts: values['no-dev-accounts'] !== true,
    timeoutMs,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      issuer: { type: 'string' },
      'api-url': { type: 'string' },
      'pat-file': { type: 'string' },
      out: { type: 'string' },
      'redirect-uri': { type: 'string' },
      'post-logout-redirect-uri': { type: 'string' },
      'no-dev-accounts': { type: 'boolean' },
      'timeout-ms': { type: 'string' },
    },
  });
}
