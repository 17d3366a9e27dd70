import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import type { MeRendezVousListDto, MeSessionDto } from '@imilo/domain';
import { Store } from '@ngrx/store';
import { aJeune, provideCmiloTesting, unRendezVous, uneListe, uneSession } from '../cmilo.testing';
import { SessionsOuvertes } from './sessions-ouvertes';

const SESSIONS_URL = '/api/v1/me/sessions';
const RDV_URL = '/api/v1/me/rendez-vous';

const text = (node: Element | null | undefined): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('SessionsOuvertes', () => {
  let http: HttpTestingController;

  const render = async (sessions: MeSessionDto[], mesRendezVous: MeRendezVousListDto) => {
    TestBed.configureTestingModule({ providers: provideCmiloTesting() });
    TestBed.inject(Store).dispatch(aJeune());
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(SessionsOuvertes);
    const loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
    await fixture.whenStable();
    http.expectOne(RDV_URL).flush(mesRendezVous);
    http.expectOne(SESSIONS_URL).flush(sessions);
    await fixture.whenStable();
    return { fixture, loader, element: fixture.nativeElement as HTMLElement };
  };

  afterEach(() => http.verify());

  it('shows each session’s time in the Mission Locale’s timezone, its place with a map link, and its free seats', async () => {
    const { element } = await render([uneSession()], uneListe([]));

    const session = element.querySelector('.session');
    expect(text(session)).toContain('jeudi 3 décembre 2026, de 10 h à 12 h');
    expect(session?.querySelector<HTMLAnchorElement>('a.session-carte')?.href).toBe(uneSession().carteUrl);
    expect(text(session)).toContain('4 places libres');
  });

  it('when "M’inscrire" is tapped, registers the jeune, then reads the sessions and their rendez-vous again', async () => {
    const { fixture, loader, element } = await render([uneSession()], uneListe([]));

    await (await loader.getHarness(MatButtonHarness.with({ text: 'M’inscrire' }))).click();
    const post = http.expectOne(`${SESSIONS_URL}/${uneSession().id}/inscription`);
    expect(post.request.method).toBe('POST');
    post.flush({}, { status: 201, statusText: 'Created' });
    await fixture.whenStable();
    http
      .expectOne(RDV_URL)
      .flush(uneListe([unRendezVous({ id: uneSession().id, kind: 'session', libelle: 'Atelier CV', objet: 'Atelier CV' })]));
    http.expectOne(SESSIONS_URL).flush([uneSession({ placesLibres: 3 })]);
    await fixture.whenStable();

    expect(text(element.querySelector('.session-etat'))).toBe('Vous êtes inscrit(e)');
    expect(await loader.getAllHarnesses(MatButtonHarness.with({ text: 'Me désinscrire' }))).toHaveSize(1);
  });

  it('when a session is full, says "Complet" and offers no registration', async () => {
    const { loader, element } = await render([uneSession({ placesLibres: 0 })], uneListe([]));

    expect(text(element.querySelector('.session-etat'))).toBe('Complet');
    expect(await loader.getAllHarnesses(MatButtonHarness)).toHaveSize(0);
  });
});
