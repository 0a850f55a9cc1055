import { parseArgs } from 'node:util';
import {
  EnvReader,
  readRedisConfig,
  readServiceUrl,
  SERVICE_NAMES,
  SERVICE_PORTS,
  type ServiceName,
  serviceEnvPrefix,
} from '@know-foolery/shared/config';
import { errorMessage } from '@know-foolery/shared/utils';
import { type CheckResult, checkDatabase, checkEndpoint, checkRedis, formatResult } from './health/checks.js';

const USAGE = `usage: health-check [--services game,question,...] [--database URL] [--timeout-ms 3000] [--json]
       health-check --live          (in a container: this container's own service answers)
Checks the database (DATABASE_URL unless --database is given), Redis (when REDIS_URL is set)
and each service's /health/ready.
Exits 0 when everything is up, 1 when something is down, 2 on bad arguments.`;

function usageError(message: string): never {
  process.stderr.write(`health-check: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function isServiceName(name: string): name is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(name);
}

function ownService(): ServiceName {
  const service = process.env.SERVICE ?? '';
  if (!isServiceName(service)) usageError(`--live needs SERVICE set to one of ${SERVICE_NAMES.join(', ')}`);
  return service;
}

async function main(): Promise<void> {
  let values: { services?: string; database?: string; 'timeout-ms'?: string; json?: boolean; live?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        services: { type: 'string' },
        database: { type: 'string' },
        'timeout-ms': { type: 'string' },
        json: { type: 'boolean' },
        live: { type: 'boolean' },
      },
    }));
  } catch (error) {
    usageError(errorMessage(error));
  }
  const timeoutMs = Number(values['timeout-ms'] ?? 3000);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
    usageError(`--timeout-ms: expected a positive integer, got "${values['timeout-ms']}"`);

  let checks: Promise<CheckResult>[];
  if (values.live) {
    const service = ownService();
    const port = process.env[`${serviceEnvPrefix(service)}_PORT`] ?? String(SERVICE_PORTS[service]);
    checks = [checkEndpoint(`${service}-service`, `http://127.0.0.1:${port}/health/live`, timeoutMs)];
  } else {
    const names = values.services?.split(',').map((name) => name.trim().replace(/-service$/, '')) ?? [
      ...SERVICE_NAMES,
    ];
    const unknown = names.filter((name) => !isServiceName(name));
    if (unknown.length > 0) usageError(`--services: unknown ${unknown.join(', ')}`);
    const env = new EnvReader(process.env);
    const databaseUrl = values.database ?? process.env.DATABASE_URL;
    const redis = readRedisConfig(env);
    env.done();
    checks = [
      ...(databaseUrl === undefined ? [] : [checkDatabase(databaseUrl, timeoutMs)]),
      ...(redis.url === null ? [] : [checkRedis(redis, redis.url, timeoutMs)]),
      ...names
        .filter(isServiceName)
        .map((name) =>
          checkEndpoint(`${name}-service`, `${readServiceUrl(env, name)}/health/ready`, timeoutMs),
        ),
    ];
  }
  const results = await Promise.all(checks);
  process.stdout.write(
    values.json ? `${JSON.stringify(results, null, 2)}\n` : `${results.map(formatResult).join('\n')}\n`,
  );
  process.exitCode = results.every((result) => result.ok) ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`health-check: ${errorMessage(error)}\n`);
  process.exitCode = 1;
});
