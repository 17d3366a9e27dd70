import type { Page } from 'playwright-core';
import { expectAccessible, signedInDevice } from '../support/journey';

// The journeys of #6: the conseiller reorders their home by dragging a widget on the tablet, and finds it so after a
// reload (the layout is saved on the BFF); the direction reads its figures on a phone, a chart drawn at 390 px without
// horizontal scroll. Real BFF, real database, real browser.

const JOURNEY_TIMEOUT = 180_000;

/** The widgets' titles, in the order the home shows them. */
const ordre = (page: Page): Promise<string[]> =>
  page.locator('.portail-cell h2').evaluateAll((titles) => titles.map((title) => title.textContent?.trim() ?? ''));

const layoutSaved = (page: Page, method: 'PUT' | 'DELETE') =>
  page.waitForResponse((response) => new URL(response.url()).pathname === '/api/v1/portail/layout' && response.request().method() === method);

describe('Portail (#6)', () => {
  it(
    'when the conseiller drags a widget to another place on the tablet, the new order is kept after a reload',
    async () => {
      const { context, page } = await signedInDevice('tablet', 'demo.conseiller', 'conseiller');
      try {
        await page.getByRole('heading', { level: 2, name: 'Alertes' }).waitFor();
        await expectAccessible(page, 'portail-conseiller-tablette');
        const avant = await ordre(page);
        expect(avant.indexOf('Alertes')).toBe(avant.indexOf('À clôturer') + 1);

        await page.getByRole('button', { name: 'Personnaliser' }).click();
        await page.getByRole('heading', { name: 'Personnaliser mon accueil' }).waitFor();
        await expectAccessible(page, 'portail-personnaliser-tablette');
        // « Alertes » onto « À clôturer », the widget before it: both in view on the tablet once scrolled to.
        const handle = page.locator('[data-widget="alertes"] .portail-handle');
        const target = page.locator('[data-widget="a-cloturer"]');
        await handle.scrollIntoViewIfNeeded();
        const from = await handle.boundingBox();
        const to = await target.boundingBox();
        expect(from).not.toBeNull();
        expect(to).not.toBeNull();
        const saved = layoutSaved(page, 'PUT');
        await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
        await page.mouse.down();
        // Past the drag threshold first, then over the other widget's left part, in small steps as a hand would.
        await page.mouse.move(from!.x + from!.width / 2 + 12, from!.y + from!.height / 2 + 12, { steps: 4 });
        await page.mouse.move(to!.x + 32, to!.y + to!.height / 3, { steps: 25 });
        await page.mouse.up();
        expect((await saved).status()).toBe(200);
        const apres = await ordre(page);
        expect(apres.indexOf('Alertes')).toBe(avant.indexOf('À clôturer'));
        expect([...apres].sort()).toEqual([...avant].sort());

        await page.reload();
        await page.getByRole('heading', { level: 2, name: 'Alertes' }).waitFor();
        expect(await ordre(page)).toEqual(apres);

        // Leaves the demo account as it was.
        await page.getByRole('button', { name: 'Personnaliser' }).click();
        const reset = layoutSaved(page, 'DELETE');
        await page.getByRole('button', { name: 'Rétablir la disposition par défaut' }).click();
        expect((await reset).status()).toBe(204);
        await page.getByRole('button', { name: 'Rétablir la disposition par défaut', disabled: true }).waitFor();
        expect(await ordre(page)).toEqual(avant);

        // « Clôturer » in « À clôturer » opens the agenda on that day with the rendez-vous' detail, ready to close.
        await page.reload();
        const cloturer = page.locator('[data-widget="a-cloturer"]').getByRole('link', { name: /^Clôturer le rendez-vous « (.+) »/ }).first();
        const nom = /« (.+) »/.exec((await cloturer.getAttribute('aria-label')) ?? '')?.[1] ?? '';
        await cloturer.click();
        await page.waitForURL(/\/agenda\?jour=\d{4}-\d{2}-\d{2}&ouvrir=/);
        const detail = page.getByRole('dialog', { name: `Rendez-vous avec ${nom}` });
        await detail.getByRole('button', { name: 'Clôturer', exact: true }).waitFor();
      } finally {
        await context.close();
      }
    },
    JOURNEY_TIMEOUT,
  );

  it(
    'when the direction opens its home on a phone, the figures and a chart are readable at 390 px, and another period re-reads them',
    async () => {
      const { context, page } = await signedInDevice('phone', 'demo.direction', 'conseiller');
      try {
        const jeunes = page.locator('[data-widget="jeunes-accompagnes"]');
        await jeunes.getByRole('heading', { level: 2, name: 'Jeunes accompagnés' }).waitFor();
        const chart = jeunes.locator('.mini-chart-drawing svg').first();
        await chart.waitFor();
        const box = await chart.boundingBox();
        expect(box).not.toBeNull();
        // Drawn across the card, inside the screen.
        expect(box!.width).toBeGreaterThan(250);
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(390);
        expect(await jeunes.locator('.mini-chart-drawing .bar, .mini-chart-drawing .line-series path').count()).toBeGreaterThan(0);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBeTrue();
        // The figures as text for screen readers.
        expect(await jeunes.locator('table caption').textContent()).toContain('Nombre de jeunes accompagnés');
        await expectAccessible(page, 'portail-direction-telephone');

        const semaine = page.waitForResponse((response) => response.url().includes('/api/v1/portail?periode=semaine') && response.ok());
        await page.getByRole('radio', { name: 'Semaine' }).click();
        await semaine;
        await jeunes.getByText(/^Le |^Du /).first().waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBeTrue();
      } finally {
        await context.close();
      }
    },
    JOURNEY_TIMEOUT,
  );
});
