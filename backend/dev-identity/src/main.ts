import { ConfigError, loadEnvironment } from '@know-foolery/shared/config';
import { readDevIdentityConfig } from './config.js';
import { startDevIdentityProvider } from './server.js';

/** The exit code of a configuration error, as every service of the platform uses (EX_CONFIG). */
const EXIT_CONFIG = 78;

/** One pino-shaped line, so the launcher shows it like the services' lines. */
function log(level: 'info' | 'error', message: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({
    level,
    time: new Date().toISOString(),
    service: 'dev-identity',
    message,
    ...fields,
  });
  (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

let config: ReturnType<typeof readDevIdentityConfig>;
try {
  config = readDevIdentityConfig(loadEnvironment());
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(EXIT_CONFIG);
}

const provider = await startDevIdentityProvider({
  ...config,
  onError: (error) =>
    log('error', 'request failed', { error: error instanceof Error ? error.message : String(error) }),
});
log('info', 'development identity provider ready (development only)', {
  issuer: provider.issuer,
  url: provider.url,
});

let stopping = false;
const stop = (signal: NodeJS.Signals): void => {
  if (stopping) process.exit(1);
  stopping = true;
  log('info', 'stopping', { signal });
  provider.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      log('error', 'stop failed', { error: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// Started over an IPC channel (the launcher runs it so, as it runs the services): the channel closes
// when the parent dies, even by SIGKILL, and the provider stops rather than live on holding its port.
if (process.send !== undefined) process.once('disconnect', () => stop('SIGTERM'));
