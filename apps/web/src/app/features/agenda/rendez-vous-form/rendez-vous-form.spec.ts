import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import type { HarnessLoader } from '@angular/cdk/testing';
import { HttpTestingController } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatAutocompleteHarness } from '@angular/material/autocomplete/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { MatRadioGroupHarness } from '@angular/material/radio/testing';
import { MatDialog } from '@angular/material/dialog';
import type { RendezVousCreation, RendezVousPatch } from '@imilo/domain';
import { Store } from '@ngrx/store';
import { FakeOutbox } from '../../../core/offline/offline.testing';
import { AuthApiActions } from '../../auth/auth.actions';
import { aMe } from '../../auth/auth.testing';
import { signIn } from '../../dossiers/dossier/dossier.testing';
import { JEUNE, MON_SITE, provideAgendaTesting, unRendezVous } from '../agenda.testing';
import { RendezVousForm, type RendezVousFormData } from './rendez-vous-form';

@Component({ selector: 'app-form-host', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Host {}

describe('RendezVousForm', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<Host>;
  let loader: HarnessLoader;
  let outbox: FakeOutbox;

  const render = async (data: Partial<RendezVousFormData> = {}, options: { readonly sansSite?: boolean } = {}) => {
    outbox = new FakeOutbox();
    TestBed.configureTestingModule({ providers: provideAgendaTesting({ outbox }) });
    signIn(['conseiller']);
    if (options.sansSite) {
      const me = aMe();
      TestBed.inject(Store).dispatch(AuthApiActions.sessionLoaded({ me: { ...me, missionsLocales: me.missionsLocales.map((ml) => ({ ...ml, site: null })) } }));
    }
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Host);
    loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    TestBed.inject(MatDialog).open(RendezVousForm, {
      data: { timeZone: 'Europe/Paris', mesCreneaux: [], debut: new Date('2026-12-08T09:00:00Z'), ...data },
    });
    await fixture.whenStable();
    http.expectOne('/api/v1/sites').flush(options.sansSite ? [] : [{ ...MON_SITE, missionLocaleId: 'ml' }]);
    await fixture.whenStable();
  };

  afterEach(async () => {
    TestBed.inject(MatDialog).closeAll();
    // The saver's wait for the BFF (40 ms in specs) ends before the next spec.
    await new Promise((resolve) => setTimeout(resolve, 80));
  });

  const text = (): string => document.querySelector('app-rendez-vous-form')?.textContent?.replace(/\s+/g, ' ') ?? '';
  const save = async () => {
    await (await loader.getHarness(MatButtonHarness.with({ text: 'Enregistrer' }))).click();
    await fixture.whenStable();
  };
  const chooseModalite = async (label: string) => {
    const group = await loader.getHarness(MatRadioGroupHarness.with({ selector: '[formcontrolname="modalite"]' }));
    await group.checkRadioButton({ label });
    await fixture.whenStable();
  };
  const pickJeune = async () => {
    const autocomplete = await loader.getHarness(MatAutocompleteHarness);
    await autocomplete.enterText('Mart');
    await new Promise((resolve) => setTimeout(resolve, 300));
    http.expectOne((request) => request.url === '/api/v1/jeunes' && request.params.get('q') === 'Mart').flush({
      items: [{ id: JEUNE.id, matricule: 'M1', nomUsage: null, nomNaissance: 'Martin', prenoms: 'Léa Marie', sexe: 'F', dateNaissance: '2005-01-01', age: 21, commune: null, referent: null, statutDossier: 'ACTIF', situationCourante: null, completude: 'COMPLET', dernierContactLe: null }],
      page: 1,
      size: 8,
      hasMore: false,
      total: null,
    });
    await fixture.whenStable();
    await autocomplete.selectOption({ text: 'Léa Martin' });
    await fixture.whenStable();
  };

  it('when saved without a jeune, says in French to choose one, and queues nothing', async () => {
    await render();

    await save();

    expect(text()).toContain('Choisissez le jeune du rendez-vous.');
    expect(outbox.requests).toEqual([]);
  });

  it('when on site with no site chosen, asks for the site', async () => {
    await render({}, { sansSite: true });
    await pickJeune();

    await save();

    expect(text()).toContain('Choisissez le site de la Mission Locale.');
    expect(outbox.requests).toEqual([]);
  });

  it('when elsewhere without an address, asks for the address', async () => {
    await render();
    await chooseModalite('En présentiel : autre lieu');

    await save();

    expect(text()).toContain("Précisez l'adresse du rendez-vous.");
    expect(outbox.requests).toEqual([]);
  });

  it('when the slot overlaps one of my rendez-vous, warns before sending', async () => {
    await render({ mesCreneaux: [{ id: 'x', debut: new Date('2026-12-08T09:15:00Z'), dureeMinutes: 30 }] });

    expect(text()).toContain('Attention : ce créneau chevauche votre rendez-vous de 10 h 15 – 10 h 45.');
  });

  it('when complete, queues the creation in the outbox with the Mission Locale’s offset and the site', async () => {
    await render();
    await pickJeune();
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formcontrolname="objet"]' }))).setValue('Bilan de la semaine');

    await save();

    expect(outbox.requests.length).toBe(1);
    const request = outbox.requests[0]!;
    const body = request.body as RendezVousCreation;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/api/v1/rendez-vous');
    expect(request.kind).toBe('rendez-vous');
    expect(body).toEqual(
      jasmine.objectContaining({ jeuneId: JEUNE.id, modalite: 'PRESENTIEL_SITE', siteId: MON_SITE.id, adresse: null, debut: '2026-12-08T10:00:00+01:00', dureeMinutes: 30, objet: 'Bilan de la semaine' }),
    );
    expect(request.label).toBe('Rendez-vous : Léa Martin, mar. 8 déc. à 10 h 00');
  });

  it('when planning in a colleague’s agenda, books the rendez-vous for that colleague, without warning about my own', async () => {
    const paul = { id: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', nom: 'Paul Durand' };
    await render({ pour: paul, mesCreneaux: [{ id: 'x', debut: new Date('2026-12-08T09:00:00Z'), dureeMinutes: 30 }] });
    await pickJeune();

    expect(text()).toContain("Dans l'agenda de Paul Durand");
    expect(text()).not.toContain('Attention');
    await save();

    expect(outbox.requests[0]?.body).toEqual(jasmine.objectContaining({ conseillerId: paul.id, jeuneId: JEUNE.id }));
  });

  it('when moving a rendez-vous, sends the whole rendez-vous with the version read', async () => {
    await render({ rendezVous: unRendezVous() });
    await (await loader.getHarness(MatInputHarness.with({ selector: '[formcontrolname="heure"]' }))).setValue('16:30');

    await save();

    const request = outbox.requests[0]!;
    expect(request.method).toBe('PATCH');
    expect(request.url).toBe(`/api/v1/rendez-vous/${unRendezVous().id}`);
    expect(request.body as RendezVousPatch).toEqual(jasmine.objectContaining({ version: 3, jeuneId: JEUNE.id, debut: '2026-12-07T16:30:00+01:00', objet: 'Point CV' }));
  });
});
