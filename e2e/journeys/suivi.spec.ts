import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { e2e } from '../support/global-setup';
import { expectAccessible, signedInDevice } from '../support/journey';

// The decisive journey of #4: a conseiller's tablet loses the network and the BFF in the middle of an appointment.
// What is typed must survive a reload and a closed tab, reach the server exactly once when the network returns (even
// when the BFF dies in the middle of the replay), and a conflicting edit must be shown field by field and resolved.

const JOURNEY_TIMEOUT = 240_000;

interface Evenement {
  readonly id: string;
  readonly objet: string | null;
}

interface Proposition {
  readonly id: string;
}

/** Opens Élodie LEFEVRE's dossier from the search, once the service worker controls the page (so that it opens offline). */
const openWalkthroughDossier = async (page: Page): Promise<string> => {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.getByRole('link', { name: 'Jeunes' }).first().click();
  await page.waitForURL('**/jeunes');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.getByRole('searchbox', { name: 'Rechercher un jeune' }).pressSequentially('elodie lefevre', { delay: 30 });
  await page.getByRole('link', { name: /LEFEVRE/ }).first().click();
  await page.waitForURL(/\/jeunes\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { level: 1, name: /LEFEVRE/ }).waitFor();
  return page.url();
};

const jeuneIdOf = (url: string): string => url.split('/').at(-1) as string;

const openParcours = async (page: Page): Promise<void> => {
  await page.getByRole('tab', { name: 'Parcours' }).click();
  await page.getByRole('button', { name: 'Noter un événement' }).waitFor();
};

/** Types an événement in the quick-entry sheet, with the defaults (now, entretien individuel, my site) and one thème. */
const noteEvenement = async (page: Page, objet: string): Promise<void> => {
  await page.getByRole('button', { name: 'Noter un événement' }).click();
  const sheet = page.getByRole('dialog', { name: 'Nouvel événement' });
  await sheet.getByRole('option', { name: 'Emploi' }).click();
  await sheet.getByRole('textbox', { name: 'Objet' }).fill(objet);
  await sheet.getByRole('textbox', { name: /^Contexte/ }).fill('Commentaire interne de la permanence.');
  await sheet.getByRole('button', { name: 'Enregistrer' }).click();
  await sheet.waitFor({ state: 'detached' });
};

/** Proposes the first active offre of the internal offre de service (the list opens on « Aucune : saisir un libellé »). */
const proposeOffre = async (page: Page): Promise<void> => {
  await page.getByRole('button', { name: 'Proposer une offre' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Proposer une offre' });
  // Keyboard, as on a tablet with a keyboard cover: the floating label covers the select's centre while it opens.
  await dialog.getByRole('combobox', { name: 'Offre de service' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('listbox', { name: 'Offre de service' }).getByRole('option').nth(1).click();
  await dialog.getByRole('button', { name: 'Proposer' }).click();
  await dialog.waitFor({ state: 'detached' });
};

const waitForPending = (page: Page, count: number) =>
  page.getByRole('status').filter({ hasText: new RegExp(`${count} en attente`) }).first().waitFor();

const waitForAllSynced = (page: Page) =>
  page.waitForFunction(
    () => !/en attente/.test(document.querySelector('app-sync-indicator')?.textContent ?? 'en attente'),
    undefined,
    { timeout: 90_000 },
  );

/** Cuts the tablet off: the browser offline (pages) and the BFF down (Chromium's service worker ignores setOffline). */
const cutNetwork = async (context: BrowserContext): Promise<void> => {
  await e2e().bff.stop();
  await context.setOffline(true);
};

const restoreNetwork = async (context: BrowserContext): Promise<void> => {
  await e2e().bff.start();
  await context.setOffline(false);
};

const listOf = async <T>(page: Page, path: string): Promise<T[]> => {
  const response = await page.request.get(`${e2e().bff.baseUrl}${path}`);
  expect(response.status()).withContext(path).toBe(200);
  return (await response.json()) as T[];
};

const evenementsTagged = async (page: Page, jeuneId: string, tag: string): Promise<Evenement[]> =>
  (await listOf<Evenement>(page, `/api/v1/jeunes/${jeuneId}/evenements`)).filter((evenement) => evenement.objet?.includes(tag));

/** Saves a phone number through the API, as another device's coordonnées form does (the whole section, version read). */
const saveTelephone = async (page: Page, jeuneId: string, telephone: string): Promise<void> => {
  const url = `${e2e().bff.baseUrl}/api/v1/jeunes/${jeuneId}`;
  const dossier = await (await page.request.get(url)).json();
  const { telephone: _old, email, consentements, adresse } = dossier.coordonnees;
  const xsrf = (await page.context().cookies()).find((cookie) => cookie.name === 'XSRF-TOKEN')?.value ?? '';
  const response = await page.request.patch(url, {
    headers: { 'X-XSRF-TOKEN': xsrf },
    data: {
      version: dossier.version,
      coordonnees: {
        telephone,
        email,
        consentements,
        adresse:
          adresse === null
            ? null
            : { ligne1: adresse.ligne1, ligne2: adresse.ligne2, codePostal: adresse.codePostal, communeInsee: adresse.communeInsee, qpvCode: adresse.qpvCode },
      },
    },
  });
  expect(response.status()).withContext(await response.text()).toBe(200);
};

/** Polls until the condition holds, or fails naming what was awaited. */
const until = async (condition: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('suivi du parcours hors ligne (real browser, tablet)', () => {
  // A journey that fails while the BFF is down must not take the next ones with it.
  afterEach(async () => {
    await e2e().bff.start();
  }, 90_000);

  it(
    'when the network and the BFF are cut, 3 événements and 1 proposition typed on the tablet survive a reload and a ' +
      'closed tab, and reach the server exactly once when the network returns',
    async () => {
      const { context, page } = await signedInDevice('tablet', 'demo.conseiller', 'conseiller');
      const dossierUrl = await openWalkthroughDossier(page);
      const jeuneId = jeuneIdOf(dossierUrl);
      await openParcours(page);
      await expectAccessible(page, 'suivi-parcours-tablet');
      const propositionsBefore = (await listOf<Proposition>(page, `/api/v1/jeunes/${jeuneId}/propositions`)).length;
      const tag = `permanence ${randomUUID().slice(0, 8)}`;

      await cutNetwork(context);
      for (const n of [1, 2, 3]) {
        await noteEvenement(page, `Entretien ${tag} n°${n}`);
      }
      await proposeOffre(page);
      await waitForPending(page, 4);
      // The last « en attente » message fades out first: axe reads a fading text as low contrast.
      await page.waitForFunction(() => document.querySelector('mat-snack-bar-container') === null, undefined, { timeout: 15_000 });
      await expectAccessible(page, 'suivi-hors-ligne-tablet');

      await page.reload();
      await page.getByRole('heading', { level: 1, name: /LEFEVRE/ }).waitFor();
      await page.getByText(/^Hors ligne : dossier tel qu'enregistré sur cet appareil/).waitFor();
      await openParcours(page);
      await page.getByText(`Entretien ${tag} n°3`).waitFor();
      expect(await page.getByText('En attente de synchronisation').count()).toBeGreaterThanOrEqual(4);

      await page.close();
      const reopened = await context.newPage();
      await reopened.goto(dossierUrl);
      await reopened.getByRole('heading', { level: 1, name: /LEFEVRE/ }).waitFor();
      await waitForPending(reopened, 4);

      await restoreNetwork(context);
      await waitForAllSynced(reopened);
      const created = await evenementsTagged(reopened, jeuneId, tag);
      expect(created.map((evenement) => evenement.objet).sort()).toEqual([1, 2, 3].map((n) => `Entretien ${tag} n°${n}`));
      expect((await listOf<Proposition>(reopened, `/api/v1/jeunes/${jeuneId}/propositions`)).length).toBe(propositionsBefore + 1);
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'when the BFF is killed in the middle of the replay and restarted, every queued événement is still created once',
    async () => {
      const { bff, databaseUrl } = e2e();
      const { context, page } = await signedInDevice('tablet', 'demo.conseiller', 'conseiller');
      const jeuneId = jeuneIdOf(await openWalkthroughDossier(page));
      await openParcours(page);
      const tag = `crash ${randomUUID().slice(0, 8)}`;

      await cutNetwork(context);
      for (const n of [1, 2, 3, 4, 5]) {
        await noteEvenement(page, `Appel ${tag} n°${n}`);
      }
      await waitForPending(page, 5);

      // With a PostgreSQL server at hand, the kill lands for sure inside a write: the jeune's row is held, so the
      // first replayed POST waits in its transaction (its idempotency key inserted, not committed) when the BFF dies.
      const blocker = databaseUrl === null ? null : new pg.Client({ connectionString: databaseUrl });
      await blocker?.connect();
      await blocker?.query('BEGIN');
      await blocker?.query('SELECT id FROM jeune WHERE id = $1 FOR UPDATE', [jeuneId]);
      await restoreNetwork(context);
      if (blocker === null) {
        await page.waitForFunction(
          async ([id, text]) => {
            const answer = await fetch(`/api/v1/jeunes/${id}/evenements`).catch(() => null);
            const list = answer?.ok ? ((await answer.json()) as { objet: string | null }[]) : [];
            return list.some((evenement) => evenement.objet?.includes(text as string));
          },
          [jeuneId, tag],
          { polling: 20, timeout: 30_000 },
        );
      } else {
        await until(async () => {
          const { rows } = await blocker.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'");
          return (rows[0]?.n ?? 0) > 0;
        }, 'a replayed write waiting on the held jeune row');
      }
      await bff.kill();
      await blocker?.query('ROLLBACK');
      await blocker?.end();
      await bff.start();

      await waitForAllSynced(page);
      const created = await evenementsTagged(page, jeuneId, tag);
      expect(created.map((evenement) => evenement.objet).sort()).toEqual([1, 2, 3, 4, 5].map((n) => `Appel ${tag} n°${n}`));
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'when a phone number typed offline meets another one saved meanwhile, both are shown side by side and the ' +
      "conseiller's choice is saved",
    async () => {
      const { context, page } = await signedInDevice('tablet', 'demo.conseiller', 'conseiller');
      const jeuneId = jeuneIdOf(await openWalkthroughDossier(page));
      const mine = '06 11 22 33 44';
      const theirs = '07 55 66 77 88';

      await cutNetwork(context);
      await page.getByRole('tab', { name: 'Coordonnées' }).click();
      const coordonnees = page.getByRole('tabpanel');
      await coordonnees.getByRole('button', { name: 'Modifier' }).click();
      await coordonnees.getByRole('textbox', { name: 'Téléphone' }).fill(mine);
      await coordonnees.getByRole('button', { name: 'Enregistrer' }).click();
      await coordonnees.getByText('En attente de synchronisation.').waitFor();

      // Meanwhile a colleague's device, online, saves another number on the same dossier.
      await e2e().bff.start();
      const { context: colleague, page: other } = await signedInDevice('phone', 'demo.conseiller', 'conseiller');
      await saveTelephone(other, jeuneId, theirs);
      await colleague.close();

      await context.setOffline(false);
      const panel = page.getByRole('region', { name: /^Conflit/ }).or(page.locator('app-conflict-panel')).first();
      await panel.getByText('Votre modification faite hors ligne entre en conflit').waitFor({ timeout: 60_000 });
      const row = panel.getByRole('row', { name: /Téléphone/ });
      expect(await row.innerText()).toContain(mine);
      expect(await row.innerText()).toContain(theirs);
      await expectAccessible(page, 'suivi-conflit-tablet');
      await panel.getByRole('radio', { name: 'Garder ma saisie' }).check();
      await panel.getByRole('button', { name: 'Enregistrer mes choix' }).click();

      await waitForAllSynced(page);
      const dossier = await (await page.request.get(`${e2e().bff.baseUrl}/api/v1/jeunes/${jeuneId}`)).json();
      expect(dossier.coordonnees.telephone).toBe(mine.replace(/ /g, ''));
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    "when a Mission Locale's administrator adds a type of événement on a phone, it is listed beside the national ones",
    async () => {
      const { context, page, baseUrl } = await signedInDevice('phone', 'demo.admin', 'admin');
      await page.goto(`${baseUrl}/admin/referentiels`);
      await page.getByRole('heading', { name: "Types d'événement" }).waitFor();
      await page.getByRole('list', { name: "Types d'événement nationaux" }).getByText('Entretien individuel').waitFor();
      await expectAccessible(page, 'admin-referentiels-phone');

      const code = `RDV_${randomUUID().slice(0, 6).toUpperCase()}`;
      await page.getByRole('button', { name: 'Ajouter un type' }).click();
      await page.getByRole('textbox', { name: 'Code' }).fill(code);
      await page.getByRole('textbox', { name: 'Libellé' }).fill('Rencontre employeur en entreprise');
      await page.getByRole('radio', { name: 'Oui' }).check();
      await page.getByRole('button', { name: 'Ajouter le type' }).click();

      await page.getByRole('list', { name: "Types d'événement de la Mission Locale" }).getByText('Rencontre employeur en entreprise').waitFor();
      const types = await (await page.request.get(`${baseUrl}/api/v1/types-evenement`)).json();
      expect(types).toContain(jasmine.objectContaining({ code, national: false, contact: true }));
      await context.close();
    },
    JOURNEY_TIMEOUT,
  );
});
