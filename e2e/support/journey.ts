import type { BrowserContext, Page } from 'playwright-core';
import { auditPage, type Device, newDeviceContext, signInAs } from './browser';
import { e2e } from './global-setup';

// Here for the journeys; they live in browser.ts, which the benchmarks import without the journeys' global setup.
export { DEMO_PASSWORD, signInAs } from './browser';

/** Asserts that the page has no serious or critical accessibility violation, and keeps its screenshot. */
export const expectAccessible = async (page: Page, name: string): Promise<void> => {
  await page.waitForLoadState('networkidle');
  const violations = await auditPage(page, name);
  expect(violations).withContext(`axe on ${name}`).toEqual([]);
};

/** A fresh phone or tablet signed in as a demo account, once it reached the page its sign-in lands on (`landing`). */
export const signedInDevice = async (
  device: Device,
  login: string,
  landing: string,
): Promise<{ readonly context: BrowserContext; readonly page: Page; readonly baseUrl: string }> => {
  const { bff, browser } = e2e();
  const context = await newDeviceContext(browser, device);
  const page = await context.newPage();
  await signInAs(page, bff.baseUrl, login);
  await page.waitForURL(`**/${landing}`);
  return { context, page, baseUrl: bff.baseUrl };
};
