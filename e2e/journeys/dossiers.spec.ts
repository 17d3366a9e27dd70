import type { Page } from 'playwright-core';
import { expectAccessible, signedInDevice } from '../support/journey';

const JOURNEY_TIMEOUT = 120_000;

/** Types in the search box as a conseiller would, and opens the first result whose line names the jeune. */
const findAndOpen = async (page: Page, typed: string, name: RegExp): Promise<void> => {
  await page.getByRole('searchbox', { name: 'Rechercher un jeune' }).pressSequentially(typed, { delay: 40 });
  const result = page.getByRole('link', { name }).first();
  await result.waitFor();
  await result.click();
  await page.waitForURL(/\/jeunes\/[0-9a-f-]{36}$/);
};

const badge = (page: Page) => page.getByRole('status', { name: /^Complétude/ });

describe('dossiers (real browser, tablet and phone)', () => {
  it(
    'when a conseiller types "elodie" on a tablet, Élodie LEFEVRE is found; a section edit is saved, and validating ' +
      'her proof of address makes her dossier « justifié »',
    async () => {
      const { context: tablet, page } = await signedInDevice('tablet', 'demo.conseiller', 'conseiller');
      await page.getByRole('link', { name: 'Jeunes' }).first().click();
      await page.waitForURL('**/jeunes');

      await page.getByRole('searchbox', { name: 'Rechercher un jeune' }).pressSequentially('elodie', { delay: 40 });
      const result = page.getByRole('link', { name: /LEFEVRE/ }).first();
      await result.waitFor();
      expect(await result.innerText()).toContain('Élodie');
      expect(await page.locator('mark').first().innerText()).toMatch(/^Élodie$/i);
      await expectAccessible(page, 'dossiers-search-tablet');
      await result.click();
      await page.waitForURL(/\/jeunes\/[0-9a-f-]{36}$/);

      expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('LEFEVRE');
      await badge(page).waitFor();
      expect(await badge(page).innerText()).toContain('Complet');
      await expectAccessible(page, 'dossier-synthese-tablet');

      await page.getByRole('tab', { name: 'Coordonnées' }).click();
      const coordonnees = page.getByRole('tabpanel');
      await coordonnees.getByRole('button', { name: 'Modifier' }).click();
      await coordonnees.getByRole('textbox', { name: 'Téléphone' }).fill('06 98 76 54 32');
      await expectAccessible(page, 'dossier-edit-coordonnees-tablet');
      await coordonnees.getByRole('button', { name: 'Enregistrer' }).click();
      await coordonnees.getByText('06 98 76 54 32').waitFor();

      await page.getByRole('tab', { name: 'Pièces' }).click();
      await expectAccessible(page, 'dossier-pieces-tablet');
      await page.getByRole('button', { name: /^Valider la pièce domicile/ }).click();
      await page.getByRole('status', { name: 'Complétude : Justifié' }).waitFor();
      expect(await badge(page).innerText()).toContain('Justifié');
      await tablet.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'when a conseiller types a surname with a typo on a phone, the dossier is found and reads as stacked sections',
    async () => {
      const { context: phone, page, baseUrl } = await signedInDevice('phone', 'demo.conseiller', 'conseiller');
      await page.goto(`${baseUrl}/jeunes`);
      await expectAccessible(page, 'dossiers-search-phone');

      await findAndOpen(page, 'elodie lefebre', /LEFEVRE/);

      await badge(page).waitFor();
      expect(await page.getByRole('tab').count()).withContext('no tabs on a phone').toBe(0);
      await page.getByRole('button', { name: 'Coordonnées' }).click();
      await page.getByRole('button', { name: 'Modifier' }).first().waitFor();
      await expectAccessible(page, 'dossier-phone');
      await phone.close();
    },
    JOURNEY_TIMEOUT,
  );
});
