import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_USERS } from '@know-foolery/dev-identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, platformEnv, until } from '../../backend/scripts/test/launcher-process.js';
import { type BuiltClient, buildClient } from './built-client.js';
import { type Chromium, chromiumAvailable, launchChromium } from './chromium.js';
import { startGameAs } from './pages.js';

/** A theme of its own: the file's name. Free-text questions, each answered by its last word. */
const THEME = 'first-start';
const QUESTIONS = [
  ['Which planet is called the red planet?', 'Mars'],
  ['What is the largest ocean on Earth?', 'Pacific'],
  ['Which gas do plants take in from the air?', 'Carbon dioxide'],
] as const;

/**
 * Issue 17's "done when": on a fresh checkout, `npm start`, then the gateway's address in a
 * browser is enough to sign in and play. The launcher runs as a person runs it (its first start
 * seeding the empty bank, the development identity provider, the seven services), and Chromium
 * opens the gateway at 127.0.0.1, the address the README gives.
 */
describe.skipIf(!chromiumAvailable())('the first start of the platform, in a browser', () => {
  let cwd: string;
  let client: BuiltClient;
  let platform: ReturnType<typeof launch>;
  let gatewayUrl: string;
  let browser: Chromium;

  beforeAll(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'kf-first-start-'));
    const source = join(cwd, THEME);
    writeFileSync(source, QUESTIONS.map(([text, answer]) => `#Q ${text}\n^ ${answer}\n`).join('\n'));
    client = await buildClient();
    const env: Record<string, string> = {
      ...(await platformEnv('dev-identity')),
      SEED_ON_START: 'true',
      SEED_SOURCE: source,
      WEB_CLIENT_DIR: client.dir,
    };
    gatewayUrl = env.GATEWAY_SERVICE_URL ?? '';
    platform = launch(cwd, env);
    const ready = await until(() => platform.output().includes('Know Foolery is ready'), 90_000);
    expect(ready, platform.output()).toBe(true);
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    platform?.child.kill('SIGINT');
    await platform?.exit;
    client?.remove();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('lets a person open the gateway, sign in and play the questions the first start seeded', async () => {
    expect(platform.output()).toMatch(/^seed +\| imported +3$/m);
    const page = await browser.context.newPage();
    await startGameAs(page, gatewayUrl, DEV_USERS.player, THEME);
    const text = await page.locator('#question-text').textContent();
    const answer = QUESTIONS.find(([question]) => question === text)?.[1] ?? '';
    await page.getByLabel('Your answer').fill(answer);
    await page.keyboard.press('Enter');
    await page.getByText(/^Correct: exactly right\./).waitFor();
  }, 60_000);
});
