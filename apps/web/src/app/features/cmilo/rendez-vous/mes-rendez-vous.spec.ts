import { LiveAnnouncer } from '@angular/cdk/a11y';
import type { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import type { MeRendezVousListDto } from '@imilo/domain';
import { Store } from '@ngrx/store';
import { aJeune, provideCmiloTesting, unRendezVous, uneListe } from '../cmilo.testing';
import { MesRendezVous } from './mes-rendez-vous';
import { RendezVousDetail } from './rendez-vous-detail';

const LISTE_URL = '/api/v1/me/rendez-vous';
const RDV_ID = '0b9c3f52-5a1e-4d6a-9a57-2f7b8a1c4d10';
const CONFIRMATION_URL = `${LISTE_URL}/${RDV_ID}/confirmation`;

const text = (node: Element | null | undefined): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
/** The value of a card's detail (`<dt>` label → `<dd>`). */
const detail = (card: Element | null, label: string): string =>
  text(Array.from(card?.querySelectorAll('dt') ?? []).find((dt) => text(dt) === label)?.nextElementSibling);

describe('C-Milo rendez-vous', () => {
  let http: HttpTestingController;
  let loader: HarnessLoader;
  let announce: jasmine.Spy;
  let fixture: ComponentFixture<unknown>;

  const render = async <T>(component: new () => T, list: MeRendezVousListDto, inputs: Record<string, unknown> = {}) => {
    TestBed.configureTestingModule({ providers: provideCmiloTesting() });
    TestBed.inject(Store).dispatch(aJeune());
    http = TestBed.inject(HttpTestingController);
    announce = spyOn(TestBed.inject(LiveAnnouncer), 'announce').and.resolveTo();
    fixture = TestBed.createComponent(component);
    for (const [name, value] of Object.entries(inputs)) {
      fixture.componentRef.setInput(name, value);
    }
    loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    await fixture.whenStable();
    http.expectOne(LISTE_URL).flush(list);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  };

  const section = (element: HTMLElement, titre: string): HTMLElement | undefined =>
    Array.from(element.querySelectorAll<HTMLElement>('section.cmilo-section')).find((s) => text(s.querySelector('h2')) === titre);
  const titres = (node: HTMLElement | undefined): string[] =>
    Array.from(node?.querySelectorAll('.rendez-vous-card-title') ?? []).map((title) => text(title));
  const button = (label: string) => loader.getHarness(MatButtonHarness.with({ text: label }));

  afterEach(() => http.verify());

  it('lists the upcoming ones soonest first, then the past ones latest first, cancelled ones shown as such', async () => {
    const element = await render(
      MesRendezVous,
      uneListe(
        [
          unRendezVous({ id: 'r-tard', objet: 'Bilan', debut: '2026-12-10T05:30:00.000Z', fin: '2026-12-10T06:30:00.000Z' }),
          unRendezVous({ id: 'r-annule', objet: 'Atelier annulé', statut: 'ANNULE', debut: '2026-12-02T05:30:00.000Z' }),
          unRendezVous({ id: 'r-tot', objet: 'Premier point' }),
        ],
        [
          unRendezVous({ id: 'p-ancien', objet: 'Inscription', debut: '2026-10-01T05:30:00.000Z', statut: 'CLOS', presence: 'PRESENT' }),
          unRendezVous({ id: 'p-recent', objet: 'Suivi', debut: '2026-11-20T05:30:00.000Z', statut: 'CLOS', presence: 'ABSENT' }),
        ],
      ),
    );

    expect(titres(section(element, 'À venir'))).toEqual([
      'Entretien individuel conseiller : Premier point',
      'Entretien individuel conseiller : Atelier annulé',
      'Entretien individuel conseiller : Bilan',
    ]);
    expect(text(section(element, 'À venir')?.querySelectorAll('app-rendez-vous-card')[1])).toContain('Annulé');
    expect(titres(section(element, 'Passés'))).toEqual([
      'Entretien individuel conseiller : Suivi',
      'Entretien individuel conseiller : Inscription',
    ]);
    expect(text(section(element, 'Passés'))).toContain('Vous étiez absent(e).');
  });

  it('gives the date and hours in the Mission Locale’s timezone, the modalité, the place with a map link and what to bring', async () => {
    const element = await render(MesRendezVous, uneListe([unRendezVous()]));
    const card = element.querySelector('app-rendez-vous-card');

    // 05:30Z is 9 h 30 in La Réunion, whatever the device's timezone.
    expect(text(card?.querySelector('.rendez-vous-card-quand'))).toBe('mardi 1 décembre 2026, de 9 h 30 à 10 h 30');
    expect(detail(card, 'Comment')).toBe('En présentiel : Mission Locale');
    expect(detail(card, 'Où')).toBe('Mission Locale Est, 12 rue de la République, 97400 Saint-Denis Voir sur la carte (nouvel onglet)');
    expect(detail(card, 'À apporter')).toBe('Votre CV et une pièce d’identité');
    const carte = card?.querySelector<HTMLAnchorElement>('a.rendez-vous-card-carte');
    expect(text(carte)).toBe('Voir sur la carte (nouvel onglet)');
    expect(carte?.href).toBe(unRendezVous().carteUrl ?? '');
    expect(carte?.rel).toBe('noopener noreferrer');
  });

  it('when "Je confirme" is tapped, posts the confirmation once and shows « Vous avez confirmé »', async () => {
    const element = await render(MesRendezVous, uneListe([unRendezVous()]));

    await (await button('Je confirme')).click();
    const request = http.expectOne(CONFIRMATION_URL);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ reponse: 'CONFIRME' });
    expect(request.request.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    expect(text(element.querySelector('.rendez-vous-card-etat'))).toBe('Vous avez confirmé');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Je confirme' }))).toHaveSize(0);
    expect(announce).toHaveBeenCalledWith('Vous avez confirmé ce rendez-vous.');
  });

  it('when cancelling, a reason is required before anything is sent; with one, the rendez-vous shows as cancelled', async () => {
    const element = await render(MesRendezVous, uneListe([unRendezVous()]));

    await (await button('Annuler ce rendez-vous')).click();
    await (await button('Confirmer l’annulation')).click();
    http.expectNone(CONFIRMATION_URL);
    expect(text(element.querySelector('mat-error'))).toBe("Le motif d'annulation : à renseigner.");

    await (await loader.getHarness(MatInputHarness.with({ selector: 'textarea' }))).setValue('  Je suis malade  ');
    await (await button('Confirmer l’annulation')).click();
    const request = http.expectOne(CONFIRMATION_URL);
    expect(request.request.body).toEqual({ reponse: 'ANNULE', motif: 'Je suis malade' });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    expect(text(element.querySelector('.rendez-vous-card-etat'))).toBe('Vous avez annulé ce rendez-vous');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Annuler ce rendez-vous' }))).toHaveSize(0);
  });

  it('when the answer fails, says why and keeps the buttons', async () => {
    const element = await render(MesRendezVous, uneListe([unRendezVous()]));

    await (await button('Je confirme')).click();
    http.expectOne(CONFIRMATION_URL).flush(null, { status: 0, statusText: 'Unknown Error' });
    await fixture.whenStable();

    expect(text(element.querySelector('ui-error-message'))).toContain('Impossible de joindre imilo');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Je confirme' }))).toHaveSize(1);
  });

  it('the rendez-vous page (where "Voir" leads) shows it with « Je confirme » and « Annuler ce rendez-vous »', async () => {
    const element = await render(RendezVousDetail, uneListe([unRendezVous()]), { id: RDV_ID });

    expect(text(element.querySelector('h1'))).toBe('Mon rendez-vous');
    expect(text(element.querySelector('.rendez-vous-card-quand'))).toBe('mardi 1 décembre 2026, de 9 h 30 à 10 h 30');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Je confirme' }))).toHaveSize(1);
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Annuler ce rendez-vous' }))).toHaveSize(1);
  });

  it('the page of a past rendez-vous shows the presence and no answer to give', async () => {
    const element = await render(RendezVousDetail, uneListe([], [unRendezVous({ statut: 'CLOS', presence: 'PRESENT' })]), {
      id: RDV_ID,
    });

    expect(text(element.querySelector('.rendez-vous-card-etat'))).toBe('Vous étiez présent(e).');
    expect(await loader.getAllHarnesses(MatButtonHarness)).toHaveSize(0);
  });
});
