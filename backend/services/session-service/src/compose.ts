import { createAuth } from '@know-foolery/shared/auth';
import { packageVersion, type StartedService } from '@know-foolery/shared/lifecycle';
import { systemClock } from '@know-foolery/shared/utils';
import type { Logger } from 'pino';
import { buildApp } from './app.js';
import type { SessionServiceConfig } from './config.js';
import { MemorySessionStore } from './data/memory-session-store.js';

/** Wires the real dependencies named by the configuration into the app. */
export async function composeService(config: SessionServiceConfig, logger: Logger): Promise<StartedService> {
  const { sweepIntervalMs, ...policy } = config.sessions;
  const store = new MemorySessionStore({ clock: systemClock, sweepIntervalMs });
  const app = buildApp({
    version: packageVersion(new URL('../package.json', import.meta.url)),
    auth: createAuth(config.auth).provider,
    store,
    clock: systemClock,
    policy,
    logger,
    bodyLimitBytes: config.server.bodyLimitBytes,
  });
  return { app, release: () => store.close() };
}
