import { readFileSync } from 'node:fs';
import { DEV_USERS, totpCode, userProvisioner } from '@know-foolery/dev-identity';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordOnlyAdmin } from '../../backend/e2e/src/identity-users.js';
import { type RunningPlatform, startPlatform } from '../../backend/e2e/src/platform.js';
import { type BuiltClient, buildClient } from './built-client.js';
import { type Chromium, chromiumAvailable, launchChromium } from './chromium.js';
import { axeViolations, screenshot, signInAtProvider, startGameAs } from './pages.js';

interface FixtureQuestion {
  readonly theme: string;
  readonly text: string;
  readonly answer: string;
}

const FIXTURE_TEXT = readFileSync(
  new URL('../../backend/e2e/test/fixtures/questions.json', import.meta.url),
  'utf8',
);
const FIXTURE: FixtureQuestion[] = JSON.parse(FIXTURE_TEXT);
const THEME = 'e2e-trivia';
/** The fixture's questions, an entry a line from the second, and one the import rejects (no answer) last. */
const IMPORT_FILE = `[\n${FIXTURE.map((question) => JSON.stringify(question)).join(',\n')},\n{"theme": "${THEME}", "text": "A question without its answer"}\n]\n`;
const UNPLAYED = FIXTURE.find((question) => question.theme !== THEME);
/** Several sign-ins at the provider's pages and a whole game: far more than one request's time. */
const FLOW_TIMEOUT_MS = 90_000;
/** A question the admin writes in the page, then gives an alternative answer. */
const NEW_QUESTION = {
  text: "Which colour is the suite's imaginary sky?",
  answer: 'Mauve',
  alternative: 'Lilac',
};
/** A phone in portrait. */
const PHONE = { width: 360, height: 740 };
/** More questions than a page of the bank shows (20), in a theme of their own. */
const PAGED_THEME = 'paging';
const PAGED_QUESTIONS = 25;
/**
 * Blank space the JSON allows between entries, so that the upload lasts long enough to be seen
 * at the throttled speed below (about four seconds).
 */
const PADDING_BYTES = 1_000_000;
const UPLOAD_BYTES_PER_SECOND = 256 * 1024;

const answerTo = (text: string): string => {
  const answer = FIXTURE.find((question) => question.text === text)?.answer;
  if (answer === undefined) throw new Error(`not a fixture question: "${text}"`);
  return answer;
};
/** One letter left out of a long word: a slip the judge forgives. */
const withTypo = (answer: string): string => `${answer.slice(0, 2)}${answer.slice(3)}`;

/** What a page of the gateway's origin logs about its Content-Security-Policy. */
function recordCspViolations(page: Page, origin: string): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy') && page.url().startsWith(origin))
      violations.push(message.text());
  });
  return violations;
}

/** A file of PAGED_QUESTIONS questions, about a megabyte long. */
function pagedImportFile(): string {
  const entries = Array.from({ length: PAGED_QUESTIONS }, (_, index) =>
    JSON.stringify({
      theme: PAGED_THEME,
      text: `Paged question ${index + 1}?`,
      answer: `Answer ${index + 1}`,
    }),
  );
  return `[${entries.join(`,${' '.repeat(PADDING_BYTES / PAGED_QUESTIONS)}\n`)}]`;
}

/** Whether the document is as wide as the screen: nothing to scroll sideways (tables scroll in their box). */
const fitsSideways = (page: Page) =>
  page.evaluate('document.documentElement.scrollWidth === window.innerWidth');

/** Waits until the keyboard's focus is on the element of that id (the page moves it after rendering). */
const focusMovesTo = (page: Page, id: string) => page.locator(`#${id}:focus`).waitFor();

/**
 * Issue 17's web client in a real browser: the platform with its identity provider, the gateway
 * serving a fresh build of the client, and people signing in at the provider's pages.
 */
describe.skipIf(!chromiumAvailable())('the web client in Chromium, served by the gateway', () => {
  let client: BuiltClient;
  let platform: RunningPlatform;
  let gatewayUrl: string;
  const browsers: Chromium[] = [];

  const openPage = async (viewport?: { width: number; height: number }) => {
    const browser = await launchChromium(viewport);
    browsers.push(browser);
    return browser.context.newPage();
  };

  beforeAll(async () => {
    client = await buildClient();
    platform = await startPlatform({
      dialect: 'sqlite',
      identity: {},
      serviceEnv: { gateway: { WEB_CLIENT_DIR: client.dir } },
    });
    gatewayUrl = platform.gatewayUrl;
  });

  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    await platform?.stop();
    client?.remove();
  });

  it('serves the page with no-cache and its CSP, no inline script, and its hashed assets cached for a year', async () => {
    const page = await fetch(`${gatewayUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    for (const asset of assets) {
      expect(asset).toMatch(/-[A-Za-z0-9_-]{8}\.(js|css)$/);
      const response = await fetch(`${gatewayUrl}${asset}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
  });

  it(
    'offers an admin whose sign-in gave no second factor the sign-in with it, on an admin page',
    async () => {
      if (platform.identity === null)
        throw new Error('the platform was started without the identity provider');
      const passwordOnly = await createPasswordOnlyAdmin(platform.identity, 'web-client-admin');
      const page = await openPage();
      await page.goto(`${gatewayUrl}/#/admin/questions`);
      await page.getByRole('link', { name: 'Sign in to play' }).click();
      await signInAtProvider(page, passwordOnly);
      const stepUp = page.getByRole('link', { name: 'Sign in again with your second factor' });
      await stepUp.waitFor();
      const href = new URL((await stepUp.getAttribute('href')) ?? '', gatewayUrl);
      expect(href.pathname).toBe('/api/v1/auth/sign-in');
      expect(Object.fromEntries(href.searchParams)).toEqual({
        return_to: '/#/admin/questions',
        step_up: '1',
      });
      expect(await axeViolations(page)).toEqual([]);
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'lets an admin sign in with the TOTP code, import a file with a bad block, read the report, deactivate, create and edit a question, read its statistics, and change the roles and states of players',
    async () => {
      const page = await openPage();
      await page.goto(`${gatewayUrl}/#/admin/questions`);
      await page.getByRole('link', { name: 'Sign in to play' }).click();
      await signInAtProvider(page, DEV_USERS.admin, () => totpCode(DEV_USERS.admin.totpSecret));
      await page.getByRole('heading', { name: 'Questions' }).waitFor();
      await page.getByText('0 questions').waitFor();
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole('link', { name: 'Import' }).click();
      await page.getByLabel('File').setInputFiles({
        name: 'questions.json',
        mimeType: 'application/json',
        buffer: Buffer.from(IMPORT_FILE),
      });
      await page.getByRole('button', { name: 'Import' }).click();
      await page.getByRole('heading', { name: 'Report' }).waitFor();
      expect(await page.getByText('Imported: 4').count()).toBe(1);
      expect(await page.getByText('Rejected: 1').count()).toBe(1);
      const rejected = page.getByRole('table', { name: 'Rejected blocks' }).getByRole('row');
      expect(await rejected.count()).toBe(2);
      expect(await rejected.nth(1).locator('td').allTextContents()).toEqual([
        'questions.json',
        // The line of the file the entry is on: the list opens on the first.
        String(FIXTURE.length + 2),
        'invalid_entry',
        expect.any(String),
      ]);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'admin-import-report');

      await page.getByRole('link', { name: 'Questions' }).click();
      await page.getByRole('button', { name: `Deactivate: ${UNPLAYED?.text}` }).click();
      await page.getByText(`Deactivated: ${UNPLAYED?.text}`).waitFor();
      const row = page.getByRole('row').filter({ hasText: UNPLAYED?.text ?? '' });
      await row.getByRole('cell', { name: 'deactivated', exact: true }).waitFor();

      await page.getByRole('button', { name: 'New question' }).click();
      const creating = page.getByRole('form', { name: 'New question' });
      await creating.getByLabel('Theme').fill(UNPLAYED?.theme ?? '');
      await creating.getByLabel('Question').fill(NEW_QUESTION.text);
      await creating.getByLabel('Answer', { exact: true }).fill(NEW_QUESTION.answer);
      expect(await axeViolations(page)).toEqual([]);
      await creating.getByRole('button', { name: 'Save' }).click();
      await page.getByText(`Saved: ${NEW_QUESTION.text}`).waitFor();
      await page.getByRole('button', { name: `Edit: ${NEW_QUESTION.text}` }).click();
      const editing = page.getByRole('form', { name: 'Edit the question' });
      await editing.getByLabel('Alternative answers (one a line)').fill(NEW_QUESTION.alternative);
      await editing.getByRole('button', { name: 'Save' }).click();
      const created = page.getByRole('row').filter({ hasText: NEW_QUESTION.text });
      await created
        .getByRole('cell', { name: `${NEW_QUESTION.answer} / ${NEW_QUESTION.alternative}` })
        .waitFor();
      await page.getByRole('button', { name: `Statistics: ${NEW_QUESTION.text}` }).click();
      await page.getByText('Served: 0').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'admin-questions');

      await page.getByRole('link', { name: 'Players' }).click();
      const player = page.getByRole('row').filter({ hasText: `(${DEV_USERS.player.username})` });
      await player.getByRole('button', { name: `Grant admin to ${DEV_USERS.player.username}` }).click();
      await player.getByRole('cell', { name: 'player, admin', exact: true }).waitFor();
      await player.getByRole('button', { name: `Revoke admin from ${DEV_USERS.player.username}` }).click();
      await player.getByRole('cell', { name: 'player', exact: true }).waitFor();
      const other = page.getByRole('row').filter({ hasText: '(web-client-admin)' });
      await other.getByRole('button', { name: 'Deactivate web-client-admin' }).click();
      await other.getByRole('cell', { name: 'inactive', exact: true }).waitFor();
      await other.getByRole('button', { name: 'Reactivate web-client-admin' }).click();
      await other.getByRole('cell', { name: 'active', exact: true }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'admin-players');
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'lets a player sign in, play a game to its end with the keyboard (a hint, a typo), find themself on the leaderboard, and sign out everywhere',
    async () => {
      const page = await openPage();
      const cspViolations = recordCspViolations(page, gatewayUrl);
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(`${gatewayUrl}/`);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'signed-out');
      await page.getByRole('link', { name: 'Sign in to play' }).click();
      await signInAtProvider(page, DEV_USERS.player);
      await page.getByRole('heading', { name: 'New game' }).waitFor();
      await page.getByLabel('Theme').selectOption(THEME);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'new-game');
      await page.getByRole('button', { name: 'Start the game' }).click();

      const verdicts: string[] = [];
      const played: string[] = [];
      for (let turn = 0; turn < FIXTURE.length; turn += 1) {
        const over = page.getByRole('heading', { name: 'Game over' });
        const question = page.getByRole('heading', { name: /^Question \d+$/ });
        await Promise.race([over.waitFor(), question.waitFor()]);
        if (await over.isVisible()) break;
        const text = (await page.locator('#question-text').textContent()) ?? '';
        played.push(text);
        await focusMovesTo(page, 'answer');
        if (turn === 0) {
          await page.keyboard.press('Alt+H');
          await page.getByText(/^Hint: /).waitFor();
          expect(await axeViolations(page)).toEqual([]);
          await page.keyboard.type(withTypo(answerTo(text)));
        } else {
          await page.keyboard.type(answerTo(text));
        }
        await page.keyboard.press('Enter');
        const next = page.getByRole('button', { name: 'Next question' });
        await next.waitFor();
        verdicts.push((await page.locator('.verdict').textContent()) ?? '');
        if (turn === 0) await screenshot(page, 'play-verdict');
        await focusMovesTo(page, 'next-question');
        await page.keyboard.press('Enter');
        await next.waitFor({ state: 'detached' });
      }
      expect(verdicts).toHaveLength(3);
      expect(verdicts[0]).toMatch(/^Correct: typo forgiven\./);
      expect(verdicts[0]).toContain(`The answer: ${answerTo(played[0] ?? '')}`);
      expect(verdicts.slice(1).every((verdict) => verdict.startsWith('Correct: exactly right.'))).toBe(true);

      await page.getByRole('heading', { name: 'Game over' }).waitFor();
      const score = await page.locator('.score strong').textContent();
      expect(Number(score)).toBeGreaterThan(0);
      expect(await page.locator('.summary li').count()).toBe(3);
      expect(await page.locator('.summary').textContent()).toContain('with the hint');
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'game-over');

      await page.getByRole('link', { name: 'See the leaderboard' }).click();
      await page.getByText(`Your rank: 1 of 1, with ${score} points.`).waitFor();
      const mine = page.getByRole('row').filter({ hasText: '(you)' });
      expect(await mine.getByRole('cell').allTextContents()).toEqual([
        '1',
        expect.stringContaining('(you)'),
        score,
      ]);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'leaderboard');

      await page.getByRole('link', { name: 'Devices' }).click();
      await page.getByText('(this device)').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'devices');

      await page.getByRole('button', { name: 'Sign out everywhere' }).click();
      await page.getByRole('link', { name: 'Sign in to play' }).waitFor();

      expect(cspViolations).toEqual([]);
      expect(pageErrors).toEqual([]);
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'fits the game page on a phone screen without scrolling sideways, and signs out at the provider too',
    async () => {
      const page = await openPage(PHONE);
      await startGameAs(page, gatewayUrl, DEV_USERS.player, THEME);
      const widths = await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]');
      expect(widths).toEqual([PHONE.width, PHONE.width]);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'play-phone');

      // Signing out ends the session at the identity provider too, and comes back to the page.
      await page.getByRole('button', { name: /^Sign out/ }).click();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('link', { name: 'Sign in to play' }).waitFor();
      expect(new URL(page.url()).origin).toBe(gatewayUrl);
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'shows the upload progress of an import, pages through the question bank and the players, all on a phone screen',
    async () => {
      const provider = platform.identity;
      if (provider === null) throw new Error('the platform runs without its identity provider');
      const createPlayer = await userProvisioner(provider);
      for (let index = 0; index < 20; index += 1) await createPlayer(`paging-player-${index}`, ['player']);

      const file = pagedImportFile();
      const page = await openPage(PHONE);
      await page.goto(`${gatewayUrl}/#/admin/import`);
      await page.getByRole('link', { name: 'Sign in to play' }).click();
      await signInAtProvider(page, DEV_USERS.admin, () => totpCode(DEV_USERS.admin.totpSecret));
      await page.getByRole('heading', { name: 'Import questions' }).waitFor();
      expect(await fitsSideways(page)).toBe(true);

      const network = await page.context().newCDPSession(page);
      await network.send('Network.enable');
      await network.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: UPLOAD_BYTES_PER_SECOND,
      });
      await page.getByLabel('File').setInputFiles({
        name: 'paging.json',
        mimeType: 'application/json',
        buffer: Buffer.from(file),
      });
      await page.getByRole('button', { name: 'Import' }).click();
      await page.getByText(/^Uploading paging\.json: \d+ KiB of \d+ KiB \(\d+%\)…$/).waitFor();
      const bar = page.getByRole('progressbar', { name: 'Import progress' });
      const [sent, size] = [Number(await bar.getAttribute('value')), Number(await bar.getAttribute('max'))];
      // The request's body: the file's bytes as they are.
      expect(sent).toBeLessThan(size);
      expect(size).toBe(Buffer.byteLength(file));
      await page.getByText('Imported paging.json.').waitFor();
      await network.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      expect(await page.getByText(`Imported: ${PAGED_QUESTIONS}`).count()).toBe(1);
      expect(await bar.count()).toBe(0);
      expect(await fitsSideways(page)).toBe(true);

      await page.getByRole('link', { name: 'Questions' }).click();
      await page.getByLabel('Theme').fill(PAGED_THEME);
      await page.getByRole('button', { name: 'Search' }).click();
      const questions = page.getByRole('navigation', { name: 'Pages of questions' });
      await questions.getByText(`1–20 of ${PAGED_QUESTIONS}`).waitFor();
      const rows = page.getByRole('table').locator('tbody tr');
      expect(await rows.count()).toBe(20);
      expect(await fitsSideways(page)).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await questions.getByRole('button', { name: 'Next' }).click();
      await questions.getByText(`21–${PAGED_QUESTIONS} of ${PAGED_QUESTIONS}`).waitFor();
      expect(await rows.count()).toBe(PAGED_QUESTIONS - 20);
      expect(await questions.getByRole('button', { name: 'Next' }).getAttribute('aria-disabled')).toBe(
        'true',
      );
      // Deactivating keeps the page the admin is on.
      const onSecondPage = await rows.first().locator('td').first().textContent();
      await page.getByRole('button', { name: `Deactivate: ${onSecondPage}`, exact: true }).click();
      await page.getByText(`Deactivated: ${onSecondPage}`).waitFor();
      await questions.getByText(`21–${PAGED_QUESTIONS} of ${PAGED_QUESTIONS}`).waitFor();
      await questions.getByRole('button', { name: 'Previous' }).click();
      await questions.getByText(`1–20 of ${PAGED_QUESTIONS}`).waitFor();

      await page.getByRole('link', { name: 'Players' }).click();
      const players = page.getByRole('navigation', { name: 'Pages of players' });
      const counted = await players.getByText(/^1–20 of \d+$/).textContent();
      const total = Number(counted?.split(' of ')[1]);
      expect(total).toBeGreaterThan(20);
      expect(await fitsSideways(page)).toBe(true);
      await players.getByRole('button', { name: 'Next' }).click();
      await players.getByText(`21–${Math.min(total, 40)} of ${total}`).waitFor();
      expect(await page.getByRole('table').locator('tbody tr').count()).toBe(Math.min(total, 40) - 20);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'admin-players-phone');

      // A Windows-1252 file, as the data set holds some, keeps its characters: the page sends its bytes.
      await page.getByRole('link', { name: 'Import' }).click();
      await page.getByLabel('File').setInputFiles({
        name: 'cafes',
        mimeType: 'text/plain',
        buffer: Buffer.concat([
          Buffer.from('#Q Which drink does a caf'),
          Buffer.from([0xe9]),
          Buffer.from(' serve first?\n^ Coffee\n'),
        ]),
      });
      await page.getByLabel('Format').selectOption('opentriviaqa');
      await page.getByRole('button', { name: 'Import' }).click();
      await page.getByText('Imported cafes.').waitFor();
      expect(await page.getByText('Imported: 1').count()).toBe(1);
      await page.getByRole('link', { name: 'Questions' }).click();
      await page.getByLabel('Text').fill('café');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByRole('cell', { name: 'Which drink does a café serve first?', exact: true }).waitFor();
    },
    FLOW_TIMEOUT_MS,
  );
});
