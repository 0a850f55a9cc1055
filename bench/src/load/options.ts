import { parseArgs } from 'node:util';
import { SERVICE_NAMES } from '@know-foolery/shared/config';
import { PROFILE_NAMES, PROFILES, type Profile } from './schedule.js';

export interface LoadOptions {
  readonly profile: Profile;
  readonly rate: number;
  readonly players: number;
  readonly postgresUrl: string;
  readonly redisUrl: string;
  readonly portBase: number;
  readonly killedService: string;
  readonly save: boolean;
}

export const USAGE = `npm run load -- [--profile full|ci] [--rate <requests/s>] [--players <n>]
  [--postgres <server url>] [--redis <url>] [--port-base <port>] [--kill-service <name>] [--save]
The full profile saves its report under bench/results/; ci saves it only with --save.`;

/** A flag's value that is wrong, said in a sentence naming the flag. */
export class UsageError extends Error {}

function positiveInteger(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new UsageError(`--${name} must be an integer from 1 to ${max}, got "${raw}"`);
  return value;
}

function serverUrl(name: string, raw: string, protocols: readonly string[]): string {
  if (!URL.canParse(raw) || !protocols.includes(new URL(raw).protocol))
    throw new UsageError(`--${name} must be a ${protocols.join(' or ')} URL, got "${raw}"`);
  return raw;
}

export function readLoadOptions(args: readonly string[]): LoadOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  const profileName = PROFILE_NAMES.find((name) => name === values.profile);
  if (profileName === undefined)
    throw new UsageError(`--profile must be one of ${PROFILE_NAMES.join(', ')}, got "${values.profile}"`);
  const profile = PROFILES[profileName];
  const killable = SERVICE_NAMES.filter((service) => service !== 'gateway');
  const killedService = killable.find((service) => service === values['kill-service']);
  if (killedService === undefined)
    throw new UsageError(
      `--kill-service must be one of ${killable.join(', ')}, got "${values['kill-service']}"`,
    );
  return {
    profile,
    rate: positiveInteger('rate', values.rate, profile.rate, 2_000),
    players: positiveInteger('players', values.players, profile.players, 500),
    postgresUrl: serverUrl('postgres', values.postgres, ['postgres:', 'postgresql:']),
    redisUrl: serverUrl('redis', values.redis, ['redis:']),
    portBase: positiveInteger('port-base', values['port-base'], 4300, 65_000),
    killedService,
    save: values.save || profileName === 'full',
  };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      profile: { type: 'string', default: 'full' },
      rate: { type: 'string' },
      players: { type: 'string' },
      postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
      redis: { type: 'string', default: 'redis://127.0.0.1:6379' },
      'port-base': { type: 'string' },
      'kill-service': { type: 'string', default: 'game' },
      save: { type: 'boolean', default: false },
    },
  });
}
