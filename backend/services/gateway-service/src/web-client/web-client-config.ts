import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EnvReader } from '@know-foolery/shared/config';

/** What `npm run build` leaves in the frontend workspace: `index.html` and its hashed `assets/`. */
const BUILT_CLIENT_DIR = fileURLToPath(new URL('../../../../../frontend/dist', import.meta.url));

const hasPage = (dir: string): boolean => existsSync(join(dir, 'index.html'));

/**
 * Where the built web client is, served at `/`: `WEB_CLIENT_DIR`, which must hold an `index.html`,
 * else the frontend workspace's build when there is one. Null (the API alone) when neither is there:
 * a gateway deployed in front of a client served elsewhere needs no build of its own.
 */
export function readWebClientDir(env: EnvReader): string | null {
  const chosen = env.optionalString('WEB_CLIENT_DIR');
  if (chosen === undefined) return hasPage(BUILT_CLIENT_DIR) ? BUILT_CLIENT_DIR : null;
  if (!hasPage(chosen)) {
    env.reject('WEB_CLIENT_DIR', `expected a built web client (a folder with index.html), got "${chosen}"`);
    return null;
  }
  return chosen;
}
