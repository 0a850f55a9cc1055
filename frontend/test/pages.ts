import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import axe from 'axe-core';
import type { Page } from 'playwright-core';

const SCREENSHOTS_DIR = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

export interface Person {
  readonly username: string;
  readonly password: string;
}

/** At the identity provider's pages: the password, then the code when it asks for one. */
export async function signInAtProvider(page: Page, person: Person, totp?: () => string): Promise<void> {
  await page
    .getByLabel('Username')
    .waitFor()
    .catch(async (error: unknown) => {
      const text =
        (await page
          .locator('body')
          .textContent()
          .catch(() => null)) ?? '';
      throw new Error(`no sign-in form at ${page.url()}: "${text.slice(0, 300)}"`, { cause: error });
    });
  await page.getByLabel('Username').fill(person.username);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (totp === undefined) return;
  await page.getByLabel('Code from your authenticator app').fill(totp());
  await page.getByRole('button', { name: 'Verify' }).click();
}

/** From the signed-out page at `origin`: a player signs in and starts a game of `theme`, to its first question. */
export async function startGameAs(page: Page, origin: string, person: Person, theme: string): Promise<void> {
  await page.goto(`${origin}/`);
  await page.getByRole('link', { name: 'Sign in to play' }).click();
  await signInAtProvider(page, person);
  await page.getByRole('heading', { name: 'New game' }).waitFor();
  await page.getByLabel('Theme').selectOption(theme);
  await page.getByRole('button', { name: 'Start the game' }).click();
  await page.getByRole('heading', { name: /^Question \d+$/ }).waitFor();
}

export interface AxeViolation {
  readonly id: string;
  readonly help: string;
  readonly targets: string[];
}

/** axe-core's violations on the page as it is now: its rules for WCAG 2.x A and AA, and best practice. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axe.source);
  const violations: unknown = await page.evaluate(`axe.run(document).then((results) =>
    results.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => String(n.target)) })))`);
  if (!Array.isArray(violations)) throw new Error(`axe answered ${JSON.stringify(violations)}`);
  return violations.map((violation: unknown) => {
    const record = typeof violation === 'object' && violation !== null ? violation : {};
    return {
      id: 'id' in record ? String(record.id) : '',
      help: 'help' in record ? String(record.help) : '',
      targets: 'targets' in record && Array.isArray(record.targets) ? record.targets.map(String) : [],
    };
  });
}

/** A screenshot of a main screen for the README, written only with UPDATE_SCREENSHOTS=true: PNGs differ run to run. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== 'true') return;
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS_DIR}${name}.png`, fullPage: true });
}
