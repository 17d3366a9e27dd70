import type { Page } from 'playwright-core';
import { expectAccessible, signedInDevice } from '../support/journey';

// The journey of #5: the conseiller books a rendez-vous on the tablet agenda; the jeune sees it in C-Milo on the phone
// and confirms it in one tap; the conseiller's agenda shows the confirmation; once it has started, closing it as
// « Présent » writes the événement on the jeune's timeline. Real BFF, real database, real browser.

const JOURNEY_TIMEOUT = 300_000;
const TIMEZONE = 'Europe/Paris';
const OBJET = `Point candidature alternance ${Date.now().toString(36)}`;

/** The Mission Locale's local day and time of an instant (`YYYY-MM-DD`, `HH:MM`). */
const localParts = (instant: Date): { jour: string; heure: string } => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: TIMEZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return { jour: `${parts['year']}-${parts['month']}-${parts['day']}`, heure: `${parts['hour']}:${parts['minute']}` };
};

/** Fills the rendez-vous form: demo.jeune (Inès Benali), by phone, at the given local time, 30 minutes. */
const bookWithInes = async (page: Page, debut: Date): Promise<void> => {
  await page.getByRole('button', { name: 'Nouveau rendez-vous' }).first().click();
  const form = page.getByRole('dialog');
  // The dialog moves the focus to its title once its opening animation ends (autoFocus 'first-heading'): typing
  // before then loses the keystrokes that follow (seen on a loaded machine: "be" typed, "nali" lost).
  await page.waitForFunction(() => document.activeElement?.closest('mat-dialog-container h2, mat-dialog-container [mat-dialog-title]') instanceof HTMLElement);
  await form.getByRole('combobox', { name: 'Jeune' }).pressSequentially('benali', { delay: 30 });
  await page.getByRole('option', { name: /Inès Benali/i }).first().click();
  const { jour, heure } = localParts(debut);
  await form.getByLabel('Date').fill(jour);
  await form.getByLabel('Heure').fill(heure);
  await form.getByRole('radio', { name: 'Par téléphone' }).check();
  await form.getByRole('textbox', { name: /^Objet/ }).fill(OBJET);
  await form.getByRole('textbox', { name: /^À apporter/ }).fill('Votre CV');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await form.waitFor({ state: 'detached' });
};

/** Inès's card in the day grid: its accessible name says the time, who, the type, the modalité and the statuses. */
const inesCard = (page: Page, statut: RegExp = /./) =>
  page.getByRole('button', { name: /Benali, Entretien individuel conseiller, Par téléphone/i }).and(page.getByRole('button', { name: statut })).first();

describe('Agenda and C-Milo (#5)', () => {
  it(
    'when the conseiller books on the tablet, the jeune confirms on the phone, the agenda shows it, and closing writes the événement',
    async () => {
      const tablet = await signedInDevice('tablet', 'demo.conseiller', 'conseiller');
      const phone = await signedInDevice('phone', 'demo.jeune', 'c-milo');
      try {
        await tablet.page.getByRole('link', { name: 'Agenda' }).first().click();
        await tablet.page.waitForURL('**/agenda');
        await tablet.page.getByRole('radio', { name: 'Jour', exact: true }).waitFor();
        await expectAccessible(tablet.page, 'agenda-jour-tablette');
        // Starts in a minute or two (a whole minute): time to confirm before it starts, then to close it once started.
        const debut = new Date(Math.ceil((Date.now() + 75_000) / 60_000) * 60_000);
        await bookWithInes(tablet.page, debut);
        await inesCard(tablet.page).waitFor();

        await phone.page.goto(`${phone.baseUrl}/c-milo/rendez-vous`);
        const item = phone.page.getByRole('listitem').filter({ hasText: OBJET });
        await item.getByText('Votre CV').waitFor();
        await expectAccessible(phone.page, 'cmilo-rendez-vous-telephone');
        await item.getByRole('button', { name: 'Je confirme' }).click();
        await item.getByText(/Vous avez confirmé/).waitFor();

        await tablet.page.reload();
        await inesCard(tablet.page, /Confirmé par le jeune/).waitFor();

        // Closing only once it has started (§c.4): the detail says so until then.
        await tablet.page.waitForTimeout(Math.max(0, debut.getTime() - Date.now()) + 2_000);
        await tablet.page.reload();
        await inesCard(tablet.page).click();
        const detail = tablet.page.getByRole('dialog', { name: /Rendez-vous avec/ });
        await detail.getByText(OBJET).waitFor();
        await detail.getByRole('button', { name: 'Clôturer' }).click();
        await detail.getByRole('button', { name: 'Présent', exact: true }).click();
        await detail.getByText(/Présent/).first().waitFor();
        await expectAccessible(tablet.page, 'agenda-rendez-vous-clos');

        // The événement of the closing, on Inès's timeline.
        const rendezVous = (await tablet.page.evaluate(async (from) => {
          const res = await fetch(`/api/v1/agenda?from=${from}&to=${from}`);
          return (await res.json()) as { rendezVous: { objet: string; jeune: { id: string }; statut: string; evenementId: string | null }[] };
        }, localParts(debut).jour)).rendezVous.find((candidate) => candidate.objet === OBJET);
        expect(rendezVous?.statut).toBe('CLOS');
        expect(rendezVous?.evenementId).not.toBeNull();
        await tablet.page.goto(`${tablet.baseUrl}/jeunes/${rendezVous!.jeune.id}`);
        await tablet.page.getByRole('tab', { name: 'Parcours' }).click();
        await tablet.page.getByRole('button', { name: 'Noter un événement' }).waitFor();
        await tablet.page.getByRole('tabpanel').getByText(OBJET).first().waitFor();
      } finally {
        await tablet.context.close();
        await phone.context.close();
      }
    },
    JOURNEY_TIMEOUT,
  );
});
