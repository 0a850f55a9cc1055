/**
 * Loaded before a service with `node --import <this file> .../dist/main.js`: when the OTEL_*
 * variables turn tracing on (see tracing-settings.ts), it registers the ESM loader hook the
 * instrumentations patch modules through, then starts the SDK, both before the service imports
 * anything. When they do not, it loads nothing else and the service runs without any SDK.
 * A bad OTEL_* value stops the process with exit code 78, as every configuration problem does.
 */
import { register } from 'node:module';
import { ConfigError, loadEnvironment } from '../../config/env-reader.js';
import { readTracingSettings, type TracingSettings } from './tracing-settings.js';

const EXIT_CONFIG = 78;

function settingsOrExit(): TracingSettings | undefined {
  try {
    const environment = loadEnvironment(process.env);
    const settings = readTracingSettings(environment, process.argv[1]);
    // The SDK reads its variables from process.env: those from CONFIG_FILE are put there for it.
    if (settings !== undefined) {
      for (const [name, value] of Object.entries(environment)) {
        if (name.startsWith('OTEL_') && process.env[name] === undefined) process.env[name] = value;
      }
    }
    return settings;
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(EXIT_CONFIG);
  }
}

/**
 * The modules the ESM hook wraps: ioredis is the one module an instrumentation patches that the
 * services `import` (node:http is patched through `require`, undici and Fastify report through
 * diagnostics channels). Wrapping every module instead made a service start two to three times slower.
 */
const HOOKED_MODULES = ['ioredis'];

const settings = settingsOrExit();
if (settings !== undefined) {
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, { data: { include: HOOKED_MODULES } });
  const { startTracing } = await import('./start-tracing.js');
  startTracing(settings);
}
