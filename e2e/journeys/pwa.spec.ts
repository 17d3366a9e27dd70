import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ROOT } from '../support/bff-process';
import { launchPersistentDevice, newDeviceContext } from '../support/browser';
import { e2e } from '../support/global-setup';
import { expectAccessible, signInAs } from '../support/journey';

const SECOND_BUILD_ID = '0.1.0-e2e-2';

/** Opens the app and waits until the service worker controls the page, as after a first visit. */
const visitUntilControlled = async (context: BrowserContext, url: string): Promise<Page> => {
  const page = await context.newPage();
  await page.goto(url);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return page;
};

/** Replaces what the BFF serves with another build, as a deployment does. */
const deploy = (buildDir: string, servedDir: string): void => {
  for (const entry of readdirSync(servedDir)) {
    rmSync(join(servedDir, entry), { recursive: true, force: true });
  }
  cpSync(buildDir, servedDir, { recursive: true });
};

describe('installable PWA (real browser, service worker)', () => {
  it('when the app has been visited once, it is installable, in French, and the service worker controls the page', async () => {
    const { bff } = e2e();
    const profile = mkdtempSync(join(tmpdir(), 'imilo-profile-'));
    const phone = await launchPersistentDevice(profile, 'phone');
    const page = await visitUntilControlled(phone, `${bff.baseUrl}/connexion`);

    const cdp = await phone.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    const manifest = await (await page.request.get(`${bff.baseUrl}/manifest.webmanifest`)).json();

    expect(installabilityErrors).toEqual([]);
    expect(manifest).toEqual(jasmine.objectContaining({ name: 'imilo', lang: 'fr', display: 'standalone' }));
    expect(manifest.icons).toContain(jasmine.objectContaining({ sizes: '512x512', purpose: 'maskable' }));
    await phone.close();
    rmSync(profile, { recursive: true, force: true });
  }, 60_000);

  it('when the BFF is down, the shell still opens from the service worker on a phone', async () => {
    const { bff, browser } = e2e();
    const phone = await newDeviceContext(browser, 'phone');
    const page = await visitUntilControlled(phone, `${bff.baseUrl}/connexion`);

    await bff.stop();
    try {
      const health = await page.request.get(`${bff.baseUrl}/api/health`).then((r) => r.status(), () => 'unreachable');
      expect(health).withContext('the BFF must really be down').toBe('unreachable');
      await page.reload();
      await page.getByRole('heading', { name: 'Connexion à imilo' }).waitFor();
      await expectAccessible(page, 'offline-sign-in-phone');
    } finally {
      await bff.start();
      await phone.close();
    }
  }, 90_000);

  it('when a new version is deployed, "Mettre à jour" is offered and loads it', async () => {
    const { bff, browser, servedDir } = e2e();
    const buildDir = mkdtempSync(join(tmpdir(), 'imilo-build2-'));
    try {
      execFileSync(
        'npx',
        ['ng', 'build', 'web', '--configuration', 'production', '--output-path', buildDir, '--define', `IMILO_BUILD='${SECOND_BUILD_ID}'`],
        { cwd: ROOT, stdio: 'pipe' },
      );
      const tablet = await newDeviceContext(browser, 'tablet');
      const page = await tablet.newPage();
      await signInAs(page, bff.baseUrl, 'demo.conseiller2');
      await page.waitForURL('**/conseiller');
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
      });
      await page.goto(`${bff.baseUrl}/compte`);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      const before = await page.getByText("Version de l'application").innerText();

      deploy(join(buildDir, 'browser'), servedDir);
      await page.reload();
      const update = page.getByRole('button', { name: 'Mettre à jour' });
      await update.waitFor({ timeout: 45_000 });
      await expectAccessible(page, 'update-offered-tablet');
      await update.click();

      await page.getByText(`Version de l'application : ${SECOND_BUILD_ID}`).waitFor();
      expect(before).not.toContain(SECOND_BUILD_ID);
      await tablet.close();
    } finally {
      rmSync(buildDir, { recursive: true, force: true });
    }
  }, 180_000);
});
