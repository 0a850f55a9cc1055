import { rmSync } from 'node:fs';
import { startTcpRelay, type TcpRelay } from '@know-foolery/shared/fault-injection';
import pg from 'pg';
import { type RunningPlatform, startPlatform } from '../platform.js';
import { removePlatformKeys } from '../redis-keys.js';
import { seedQuestions, syntheticBank } from '../seed.js';
import { type IdentityUnderLoad, startIdentity } from './identity.js';

export interface StageOptions {
  /** The PostgreSQL server; a database of the run's own is created on it and dropped afterwards. */
  readonly postgresUrl: string;
  readonly redisUrl: string;
  readonly portBase: number;
  readonly questionCount: number;
  readonly accessTokenTtlSeconds: number;
}

/** The platform under load, every dependency it has behind a relay the fault schedule can cut. */
export interface Stage {
  readonly platform: RunningPlatform;
  readonly identity: IdentityUnderLoad;
  readonly redisRelay: TcpRelay;
  readonly postgresRelay: TcpRelay;
  /** The run's database, reached directly (not through the relay), for the invariants. */
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly keyPrefix: string;
  close(): Promise<void>;
}

/** Players act as many people at once from one address: limits meant for the internet stay out of the way. */
const HIGH_LIMITS = {
  RATE_LIMIT_ADDRESS_MAX: '100000000',
  RATE_LIMIT_MAX: '100000000',
  RATE_LIMIT_ANSWERS_MAX: '100000000',
  RATE_LIMIT_TOKEN_MAX: '100000000',
};

/** Everything built so far is torn down, last first, even when a later step fails. */
class Teardown {
  readonly #steps: (() => Promise<unknown>)[] = [];

  add(step: () => Promise<unknown>): void {
    this.#steps.unshift(step);
  }

  async run(): Promise<void> {
    for (const step of this.#steps.splice(0)) {
      try {
        await step();
      } catch (error) {
        console.error(`tearing down: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

export async function startStage(options: StageOptions): Promise<Stage> {
  const teardown = new Teardown();
  try {
    return await build(options, teardown);
  } catch (error) {
    await teardown.run();
    throw error;
  }
}

async function build(options: StageOptions, teardown: Teardown): Promise<Stage> {
  const runId = Date.now();
  const databaseName = `kf_load_${runId}`;
  const admin = new pg.Client({ connectionString: options.postgresUrl });
  await admin.connect();
  teardown.add(() => admin.end());
  await admin.query(`create database ${databaseName}`);
  teardown.add(() => admin.query(`drop database if exists ${databaseName} with (force)`));
  const databaseUrl = withPath(options.postgresUrl, `/${databaseName}`);

  const bank = syntheticBank(options.questionCount);
  teardown.add(async () => rmSync(bank, { recursive: true, force: true }));
  await seedQuestions(bank, bank, databaseUrl);

  const postgresRelay = await relayTo(options.postgresUrl, 5432);
  teardown.add(() => postgresRelay.close());
  const redisRelay = await relayTo(options.redisUrl, 6379);
  teardown.add(() => redisRelay.close());
  const keyPrefix = `kf-load-${runId}:`;
  teardown.add(() => removePlatformKeys(options.redisUrl, keyPrefix));

  const gatewayOrigin = `http://127.0.0.1:${options.portBase}`;
  const identity = await startIdentity(gatewayOrigin, options.accessTokenTtlSeconds);
  teardown.add(() => identity.stop());

  const platform = await startPlatform({
    portBase: options.portBase,
    databaseUrl: throughRelay(databaseUrl, postgresRelay),
    env: {
      ...HIGH_LIMITS,
      ...identity.env,
      REDIS_URL: throughRelay(options.redisUrl, redisRelay),
      REDIS_KEY_PREFIX: keyPrefix,
    },
  });
  teardown.add(() => platform.stop());
  return {
    platform,
    identity,
    redisRelay,
    postgresRelay,
    databaseUrl,
    redisUrl: options.redisUrl,
    keyPrefix,
    close: () => teardown.run(),
  };
}

/** `url` with its path replaced. */
function withPath(url: string, path: string): string {
  const result = new URL(url);
  result.pathname = path;
  return result.toString();
}

/** `url` (credentials, database and all) reached through the relay instead. */
function throughRelay(url: string, relay: TcpRelay): string {
  const result = new URL(url);
  result.hostname = '127.0.0.1';
  result.port = String(relay.port);
  return result.toString();
}

function relayTo(url: string, defaultPort: number): Promise<TcpRelay> {
  const { hostname, port } = new URL(url);
  return startTcpRelay({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port || defaultPort) });
}
