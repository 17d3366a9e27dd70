import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import type { SessionCreation } from '@imilo/domain';
import { FakeOutbox } from '../../../core/offline/offline.testing';
import { signIn } from '../../dossiers/dossier/dossier.testing';
import { uneOffre } from '../../evenements/evenement-sheet/suivi.testing';
import { MON_SITE, provideAgendaTesting, uneSession } from '../agenda.testing';
import { SessionForm, type SessionFormData } from './session-form';

@Component({ selector: 'app-session-form-host', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Host {}

describe('SessionForm', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<Host>;
  let loader: HarnessLoader;
  let closedWith: boolean | undefined | 'open';

  const render = async (data: Partial<SessionFormData> = {}) => {
    TestBed.configureTestingModule({ providers: provideAgendaTesting({ outbox: new FakeOutbox() }) });
    signIn(['conseiller']);
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Host);
    loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    closedWith = 'open';
    TestBed.inject(MatDialog)
      .open<SessionForm, SessionFormData, boolean>(SessionForm, { data: { timeZone: 'Europe/Paris', jour: '2026-12-10', ...data } })
      .afterClosed()
      .subscribe((result) => (closedWith = result));
    await fixture.whenStable();
    http.expectOne('/api/v1/offres-internes').flush([
      uneOffre(),
      uneOffre({ id: 'a1b2c3d4-0000-4000-8000-000000000001', libelle: 'Prestation coaching', type: 'PRESTATION' }),
      uneOffre({ id: 'a1b2c3d4-0000-4000-8000-000000000002', libelle: 'Ancienne info co', type: 'INFORMATION_COLLECTIVE', actif: false }),
      uneOffre({ id: 'a1b2c3d4-0000-4000-8000-000000000003', libelle: 'Info collective Garantie jeunes', type: 'INFORMATION_COLLECTIVE' }),
    ]);
    http.expectOne('/api/v1/sites').flush([{ ...MON_SITE, missionLocaleId: 'ml' }]);
    await fixture.whenStable();
  };

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    http.verify();
  });

  const text = (): string => document.querySelector('app-session-form')?.textContent?.replace(/\s+/g, ' ') ?? '';
  // The save awaits the answer outside Angular's tasks: a macrotask lets it finish before the checks.
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  };
  const save = async () => {
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Enregistrer la session' }))).click();
    await fixture.whenStable();
  };
  const offre = () => loader.getHarness(MatSelectHarness.with({ selector: '[formcontrolname="offreId"]' }));
  const chooseOffre = async (libelle: string) => {
    await (await offre()).open();
    await (await offre()).clickOptions({ text: libelle });
    await fixture.whenStable();
  };
  const input = (name: string) => loader.getHarness(MatInputHarness.with({ selector: `[formcontrolname="${name}"]` }));

  it('offers only the active ateliers and informations collectives', async () => {
    await render();

    await (await offre()).open();
    const options = await (await offre()).getOptions();

    expect(await Promise.all(options.map((option) => option.getText()))).toEqual(['Atelier CV', 'Info collective Garantie jeunes']);
  });

  it('when saved without an offre, says in French to choose one, and sends nothing', async () => {
    await render();

    await save();

    expect(text()).toContain("Choisissez l'offre de service.");
    http.expectNone('/api/v1/sessions');
    expect(closedWith).toBe('open');
  });

  it('when saved without an address for another place, asks for the place', async () => {
    await render();
    await chooseOffre('Atelier CV');
    await (await loader.getHarness(MatRadioGroupHarness.with({ selector: '[formcontrolname="lieu"]' }))).checkRadioButton({ label: 'Une autre adresse' });
    await fixture.whenStable();

    await save();

    expect(text()).toContain('Choisissez un site ou précisez une adresse (l’un ou l’autre).');
    http.expectNone('/api/v1/sessions');
  });

  it('sends the session once, with the Mission Locale’s offset, the title of the offre and the deadline the day before, then closes', async () => {
    await render();
    await chooseOffre('Atelier CV');
    expect(await (await input('titre')).getValue()).toBe('Atelier CV');
    await (await input('heure')).setValue('14:30');
    await (await input('places')).setValue('10');

    await save();

    const request = http.expectOne({ method: 'POST', url: '/api/v1/sessions' });
    expect(request.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(request.request.body as SessionCreation).toEqual(
      jasmine.objectContaining({
        offreId: uneOffre().id,
        titre: 'Atelier CV',
        debut: '2026-12-10T14:30:00+01:00',
        dureeMinutes: 120,
        siteId: MON_SITE.id,
        adresse: null,
        places: 10,
        dateLimiteInscription: '2026-12-09',
        autoinscription: false,
      }),
    );
    request.flush(uneSession(), { status: 201, statusText: 'Created' });
    await settle();

    expect(closedWith).toBe(true);
  });

  it('moves the deadline with the day until it is changed by hand', async () => {
    await render();

    await (await input('jour')).setValue('2026-12-15');

    expect(await (await input('dateLimiteInscription')).getValue()).toBe('2026-12-14');
  });

  it('shows the BFF’s field errors under their fields and stays open', async () => {
    await render();
    await chooseOffre('Atelier CV');

    await save();
    http.expectOne('/api/v1/sessions').flush(
      { type: 'about:blank', title: 'Requête invalide', status: 400, code: 'validation', detail: 'Certaines informations sont invalides.', errors: [{ path: 'debut', message: 'Le début de la session : dans les deux ans à venir.' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();

    expect(text()).toContain('Le début de la session : dans les deux ans à venir.');
    expect(closedWith).toBe('open');
  });

  it('when the BFF cannot be reached, says so in French and stays open', async () => {
    await render();
    await chooseOffre('Atelier CV');

    await save();
    http.expectOne('/api/v1/sessions').error(new ProgressEvent('error'), { status: 0 });
    await settle();

    expect(text()).toContain('Impossible de joindre imilo.');
    expect(closedWith).toBe('open');
  });
});
