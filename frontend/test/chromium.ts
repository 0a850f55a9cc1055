import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium, driven by playwright-core (its own browsers are not downloaded). */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether the browser tests can run: without Chromium they are skipped, loudly; under `CI=true`
 * a missing Chromium fails the run instead.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const message = `No Chromium at ${CHROMIUM} (set CHROMIUM_PATH, or apt-get install chromium).`;
  if (process.env.CI === 'true')
    throw new Error(`${message} CI=true requires the web client's browser tests to run.`);
  process.stderr.write(`\n*** ${message} The web client's browser tests are SKIPPED in this file. ***\n\n`);
  return false;
}

/**
 * The flags the closed test network needs: without the networking ones Chromium floods it with
 * refused connections (updates, safe browsing, first-run fetches).
 */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];

const STEP_TIMEOUT_MS = 10_000;

export interface Chromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh profile (no cookies, no cache) of headless Chromium, for one person. */
export async function launchChromium(viewport = { width: 1100, height: 800 }): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), 'kf-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport,
  });
  // A step that cannot happen fails on its own, well within the test's time, saying what it waited for.
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
