import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { ROOT } from './bff-process';

const { findChromium } = createRequire(import.meta.url)('../../scripts/find-chromium.cjs') as { findChromium(): string | null };

/** The two devices the product is designed for first (ui.md). */
export const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  tablet: { viewport: { width: 1180, height: 820 }, deviceScaleFactor: 1, isMobile: false, hasTouch: true },
} as const;

/** One of the two devices. */
export type Device = keyof typeof VIEWPORTS;

/** Where screenshots are kept as test artefacts. */
export const ARTIFACTS = join(ROOT, 'e2e/artifacts');

const executable = (): string => {
  const path = findChromium();
  if (!path) {
    throw new Error('no Chromium found: run node scripts/ensure-chromium.mjs');
  }
  return path;
};

/** Debian's Chromium (or whatever find-chromium finds), headless. */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: executable(), headless: true, args: ['--no-sandbox'] });

/**
 * A browser with an on-disk profile on the device: Chromium never offers to install an app from an incognito
 * profile, which is what ordinary contexts are. Close it, then remove `userDataDir`.
 */
export const launchPersistentDevice = (userDataDir: string, device: Device): Promise<BrowserContext> =>
  chromium.launchPersistentContext(userDataDir, {
    ...VIEWPORTS[device],
    executablePath: executable(),
    headless: true,
    args: ['--no-sandbox'],
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    serviceWorkers: 'allow',
  });

/** A fresh browser profile on the device, in French, as a jeune or conseiller would have it. */
export const newDeviceContext = (browser: Browser, device: Device): Promise<BrowserContext> =>
  browser.newContext({ ...VIEWPORTS[device], locale: 'fr-FR', timezoneId: 'Europe/Paris', serviceWorkers: 'allow' });

/** The demo accounts' password (README). */
export const DEMO_PASSWORD = 'Demo-imilo-2026!';

/** Signs in through the sign-in page, as a person would. */
export const signInAs = async (page: Page, baseUrl: string, login: string, password = DEMO_PASSWORD): Promise<void> => {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByLabel('Identifiant').fill(login);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
};

/**
 * Checks the page with axe (WCAG 2.1 A/AA rules) and saves a screenshot; returns the serious or critical
 * violations so that the caller's expectation names them.
 */
export const auditPage = async (page: Page, name: string): Promise<string[]> => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
};
