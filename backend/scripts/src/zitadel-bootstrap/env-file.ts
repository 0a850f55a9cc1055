import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { BootstrapError, BootstrapErrorCode } from './errors.js';

export type EnvValues = Readonly<Record<string, string>>;

/** The values of an env file from an earlier run; none when there is no file. */
export async function readEnvFile(path: string): Promise<EnvValues> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return {};
    throw new BootstrapError(
      BootstrapErrorCode.envFile,
      `the env file ${path} cannot be read: ${reasonOf(error)}`,
    );
  }
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) values[match[1]] = match[2];
  }
  return values;
}

export function formatEnvFile(values: EnvValues): string {
  const lines = Object.entries(values).map(([name, value]) => {
    if (/[\r\n]/.test(value)) throw new Error(`${name} holds a line break, which an env file cannot carry`);
    return `${name}=${value}`;
  });
  return `# Written by npm run zitadel:bootstrap: the services' sign-in settings. Holds secrets: keep it private.\n${lines.join('\n')}\n`;
}

/**
 * Writes the file readable by its owner alone (0600), through a temporary file renamed over it, so a
 * reader never sees half a file. Returns false when the file already says exactly this.
 */
export async function writeEnvFile(path: string, values: EnvValues): Promise<boolean> {
  try {
    const text = formatEnvFile(values);
    const current = await readFile(path, 'utf8').catch(() => undefined);
    if (current === text) {
      await chmod(path, 0o600);
      return false;
    }
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, text, { mode: 0o600 });
    await rename(temporary, path);
    return true;
  } catch (error) {
    throw new BootstrapError(
      BootstrapErrorCode.envFile,
      `the env file ${path} cannot be written: ${reasonOf(error)}`,
    );
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
