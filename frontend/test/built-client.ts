import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const FRONTEND_DIR = fileURLToPath(new URL('..', import.meta.url));
const VITE_CLI = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');

export interface BuiltClient {
  readonly dir: string;
  remove(): void;
}

/** A fresh production build of the web client, in a folder of its own: what the gateway serves. */
export async function buildClient(): Promise<BuiltClient> {
  const dir = mkdtempSync(join(tmpdir(), 'kf-web-client-'));
  await promisify(execFile)(
    process.execPath,
    [VITE_CLI, 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: FRONTEND_DIR },
  );
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
