import { e2e } from '../support/global-setup';
import { newDeviceContext } from '../support/browser';
import { expectAccessible, signInAs } from '../support/journey';

const JOURNEY_TIMEOUT = 90_000;

describe('accounts (real browser, phone and tablet)', () => {
  it(
    'when an admin creates a conseiller on a tablet, the conseiller activates the account on a phone with the code, ' +
      'chooses a password, accepts the CGU and lands on the conseiller home',
    async () => {
      const { bff, browser } = e2e();
      const tablet = await newDeviceContext(browser, 'tablet');
      const admin = await tablet.newPage();
      await signInAs(admin, bff.baseUrl, 'demo.admin');
      await admin.waitForURL('**/admin');
      await expectAccessible(admin, 'admin-home-tablet');
      await admin.goto(`${bff.baseUrl}/admin/utilisateurs`);
      await admin.getByRole('button', { name: 'Créer un utilisateur' }).click();
      await admin.getByLabel('Prénom').fill('Noémie');
      await admin.getByLabel('Nom', { exact: true }).fill('Lefèvre');
      await admin.getByLabel('Identifiant').fill('noemie.lefevre');
      await admin.getByLabel('Rôles').click();
      await admin.getByRole('option', { name: 'Conseiller' }).click();
      await admin.keyboard.press('Escape');
      await admin.getByLabel('Mission Locale').click();
      await admin.getByRole('option', { name: 'Mission Locale Garonne' }).click();
      await expectAccessible(admin, 'admin-create-user-tablet');
      await admin.getByRole('button', { name: "Créer et obtenir le code d'accès" }).click();
      const codePanel = admin.getByRole('alert').filter({ hasText: "Code d'accès de Noémie Lefèvre" });
      const code = (await codePanel.locator('.issued-code-value').innerText()).trim();
      expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
      await expectAccessible(admin, 'admin-issued-code-tablet');
      await tablet.close();

      const phone = await newDeviceContext(browser, 'phone');
      const page = await phone.newPage();
      await page.goto(`${bff.baseUrl}/connexion`);
      await page.getByRole('link', { name: 'Activer mon compte' }).click();
      await page.waitForURL('**/activation');
      await page.getByLabel('Identifiant').fill('noemie.lefevre');
      await page.getByLabel("Code d'accès").fill(code.toLowerCase());
      await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('Girafe-Parapluie-Orage-73');
      await page.getByLabel('Confirmation du nouveau mot de passe').fill('Girafe-Parapluie-Orage-73');
      await expectAccessible(page, 'activation-phone');
      await page.getByRole('button', { name: 'Activer mon compte' }).click();
      await page.waitForURL('**/cgu');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe("Conditions d'utilisation d'imilo");
      await expectAccessible(page, 'cgu-phone');
      await page.getByRole('button', { name: "J'accepte les conditions d'utilisation" }).click();
      await page.waitForURL('**/conseiller');
      expect(await page.getByText('Noémie Lefèvre').first().isVisible()).toBeTrue();
      expect(await page.getByText('Mission Locale Garonne').first().isVisible()).toBeTrue();
      await expectAccessible(page, 'conseiller-home-phone');
      await phone.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'when a password has expired, the conseiller is led to choose a new one on a tablet, then reaches the home',
    async () => {
      const { bff, browser } = e2e();
      const tablet = await newDeviceContext(browser, 'tablet');
      const page = await tablet.newPage();
      await signInAs(page, bff.baseUrl, 'demo.expire');
      await page.waitForURL('**/mot-de-passe');
      expect(await page.getByRole('heading', { name: 'Votre mot de passe a expiré' }).isVisible()).toBeTrue();
      await expectAccessible(page, 'password-expired-tablet');

      await page.goto(`${bff.baseUrl}/conseiller`);
      await page.waitForURL('**/mot-de-passe');
      await page.getByLabel('Mot de passe actuel').fill('Demo-imilo-2026!');
      await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('Hérisson-Cerf-Volant-58');
      await page.getByLabel('Confirmation du nouveau mot de passe').fill('Hérisson-Cerf-Volant-58');
      await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
      await page.waitForURL('**/conseiller');
      await expectAccessible(page, 'conseiller-home-tablet');
      await tablet.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'when a conseiller signs out from "Mon compte", the portal is no longer reachable without signing in again',
    async () => {
      const { bff, browser } = e2e();
      const phone = await newDeviceContext(browser, 'phone');
      const page = await phone.newPage();
      await signInAs(page, bff.baseUrl, 'demo.conseiller');
      await page.waitForURL('**/conseiller');
      await page.getByRole('link', { name: 'Mon compte' }).first().click();
      await page.waitForURL('**/compte');
      await expectAccessible(page, 'compte-phone');
      await page.getByRole('button', { name: 'Se déconnecter', exact: true }).click();
      await page.waitForURL('**/connexion');
      await expectAccessible(page, 'sign-in-phone');

      await page.goto(`${bff.baseUrl}/conseiller`);
      await page.waitForURL('**/connexion');
      await phone.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'when a jeune signs in on a phone, C-Milo opens with a bottom navigation and no staff portal is offered',
    async () => {
      const { bff, browser } = e2e();
      const phone = await newDeviceContext(browser, 'phone');
      const page = await phone.newPage();
      await signInAs(page, bff.baseUrl, 'demo.jeune');
      await page.waitForURL('**/c-milo');
      const navigation = page.getByRole('navigation', { name: 'Navigation principale' });
      expect(await navigation.getByRole('link').allInnerTexts()).toEqual(
        jasmine.arrayWithExactContents([jasmine.stringContaining('Mon espace'), jasmine.stringContaining('Mon compte')]),
      );
      await expectAccessible(page, 'cmilo-home-phone');

      // A portal the roles do not open does not exist for this user: the address answers like any unknown page.
      await page.goto(`${bff.baseUrl}/admin`);
      await page.getByRole('heading', { name: 'Page introuvable' }).waitFor({ state: 'attached' });
      expect(await page.getByText('Utilisateurs').count()).toBe(0);
      await expectAccessible(page, 'not-found-phone');
      await phone.close();
    },
    JOURNEY_TIMEOUT,
  );
});
