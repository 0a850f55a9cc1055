import { DEV_USERS } from '@know-foolery/dev-identity';
import { freePort } from '@know-foolery/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningPlatform, startPlatform } from '../../backend/e2e/src/platform.js';
import { type Chromium, chromiumAvailable, launchChromium } from './chromium.js';
import { type DevServer, startDevServer } from './dev-server.js';
import { signInAtProvider } from './pages.js';

/**
 * The documented development mode: the platform running, `npm run dev:web` serving the client's
 * sources with hot reload and proxying `/api` to the gateway. A person signs in from the dev
 * server and comes back to it.
 */
describe.skipIf(!chromiumAvailable())('the web client from the Vite development server', () => {
  let platform: RunningPlatform;
  let devServer: DevServer;
  let browser: Chromium;

  beforeAll(async () => {
    const port = await freePort();
    platform = await startPlatform({
      dialect: 'sqlite',
      identity: {},
      serviceEnv: { gateway: { CORS_ORIGINS: `http://127.0.0.1:${port}` } },
    });
    devServer = await startDevServer(platform.gatewayUrl, port);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await devServer?.stop();
    await platform?.stop();
  });

  it('signs a player in through the gateway and brings them back to the page on the dev server', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${devServer.url}/#/leaderboard`);
    await page.getByRole('link', { name: 'Sign in to play' }).click();
    expect(new URL(page.url()).origin).not.toBe(devServer.url);
    await signInAtProvider(page, DEV_USERS.player);
    await page.getByRole('heading', { name: 'Leaderboard' }).waitFor();
    expect(page.url()).toBe(`${devServer.url}/#/leaderboard`);
    await page.getByRole('button', { name: /^Sign out/ }).waitFor();
  });
});
