import { parseArgs } from 'node:util';
import { SERVICE_NAMES, type ServiceName } from '@know-foolery/shared/config';

export interface LauncherOptions {
  readonly services: readonly ServiceName[];
}

export class UsageError extends Error {}

export const USAGE = `usage: npm start [-- --only game,question]
Starts the development identity provider, then the Know Foolery services (all seven by default),
and stops them all on Ctrl-C. AUTH_PROVIDER=mock, ZITADEL_ISSUER or NODE_ENV=production: no
development identity provider.`;

function isServiceName(name: string): name is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(name);
}

export function parseLauncherArguments(argv: readonly string[]): LauncherOptions {
  let values: { only?: string | undefined };
  try {
    ({ values } = parseArgs({ args: [...argv], options: { only: { type: 'string' } }, strict: true }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.only === undefined) return { services: SERVICE_NAMES };
  const names = values.only.split(',').map((name) => name.trim().replace(/-service$/, ''));
  const unknown = names.filter((name) => !isServiceName(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(
      `--only: unknown service ${unknown.join(', ')} (known: ${SERVICE_NAMES.join(', ')})`,
    );
  }
  return { services: SERVICE_NAMES.filter((name) => names.includes(name)) };
}
