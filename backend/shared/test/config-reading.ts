import { ConfigError, EnvReader, type EnvSource } from '../src/config/index.js';

/** What `readConfig` makes of `source`, every variable accounted for (`done`), as a service reads it at start. */
export function readWhole<T>(readConfig: (env: EnvReader) => T, source: EnvSource): T {
  const env = new EnvReader(source);
  const config = readConfig(env);
  env.done();
  return config;
}

/** The problems the ConfigError of `load` names; none when it loads. Any other failure is thrown on. */
export function configProblems(load: () => unknown): readonly string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
