import { LiveAnnouncer } from '@angular/cdk/a11y';
import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import type { PortailDto } from '@imilo/domain';
import { Store } from '@ngrx/store';
import { provideOfflineFakes, settle } from '../../../core/offline/offline.testing';
import { aJeune, FUSEAU, provideCmiloTesting, unRendezVous } from '../../cmilo/cmilo.testing';
import { ok, unPortail } from '../portail.testing';
import { CmiloHome } from './cmilo-home';

const text = (node: Element | null | undefined): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const RDV = unRendezVous();

const unAccueil = (overrides: Partial<PortailDto['widgets']> = {}): PortailDto =>
  unPortail('c-milo', {
    etats: {
      'prochain-rendez-vous': ok<'prochain-rendez-vous'>({ timezone: FUSEAU, rendezVous: RDV }),
      'mes-actions': ok<'mes-actions'>({
        total: 2,
        items: [
          { id: 'a1', titre: 'Envoyer mon CV à la boulangerie', echeance: '2026-11-27', statut: 'A_FAIRE', enRetard: true },
          { id: 'a2', titre: 'Appeler la mission handicap', echeance: '2026-12-04', statut: 'EN_COURS', enRetard: false },
        ],
      }),
      notifications: ok<'notifications'>({
        nonLues: 1,
        items: [
          { id: 'n1', libelle: 'Nouveau rendez-vous le mardi 1 décembre', le: '2026-11-28T10:00:00.000Z', lue: false },
          { id: 'n2', libelle: 'Rappel : atelier CV demain', le: '2026-11-20T10:00:00.000Z', lue: true },
        ],
      }),
      ...overrides,
    },
  });

describe('CmiloHome', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<CmiloHome>;

  const portail = (): TestRequest[] => http.match((request) => request.url === '/api/v1/portail');
  const render = async (answer: PortailDto) => {
    TestBed.configureTestingModule({ providers: [...provideCmiloTesting(), provideOfflineFakes()] });
    TestBed.inject(Store).dispatch(aJeune());
    spyOn(TestBed.inject(LiveAnnouncer), 'announce').and.resolveTo();
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(CmiloHome);
    await fixture.whenStable();
    const requests = portail();
    expect(requests.length).withContext('one call for the whole home').toBe(1);
    requests[0]?.flush(answer);
    await settle();
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  };
  const card = (element: HTMLElement, titre: string): HTMLElement | undefined =>
    Array.from(element.querySelectorAll<HTMLElement>('app-widget-card')).find((candidate) => text(candidate.querySelector('h2')) === titre);
  const button = (root: HTMLElement | undefined, label: string): HTMLButtonElement | undefined =>
    Array.from(root?.querySelectorAll('button') ?? []).find((candidate) => text(candidate) === label);

  it('when the home answers, shows the next rendez-vous, the actions due soon and the new notifications, from one call', async () => {
    const element = await render(unAccueil());

    const prochain = card(element, 'Mon prochain rendez-vous');
    expect(text(prochain)).toContain('mardi 1 décembre 2026, de 9 h 30 à 10 h 30');
    expect(button(prochain, 'Je confirme')).toBeDefined();
    const actions = card(element, 'Mes actions');
    expect(text(actions?.querySelector('.widget-card-count .cdk-visually-hidden'))).toBe('2 actions à faire');
    expect(text(actions)).toContain('Envoyer mon CV à la boulangerie');
    expect(text(actions)).toContain('En retard');
    const notifications = card(element, 'Mes notifications');
    expect(text(notifications?.querySelector('.widget-card-count .cdk-visually-hidden'))).toBe('1 nouvelle notification');
    expect(Array.from(notifications?.querySelectorAll('.widget-chip') ?? []).map(text)).toEqual(['Nouveau']);
    // Seen: imilo is told once, and what is shown keeps its marks.
    http.expectOne('/api/v1/portail/notifications/lues').flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(text(notifications)).toContain('Nouveau');
  });

  it('when nothing is new, does not tell imilo anything was read', async () => {
    const element = await render(unAccueil({ notifications: ok<'notifications'>({ nonLues: 0, items: [] }) }));

    expect(text(card(element, 'Mes notifications'))).toContain('Aucune notification pour le moment.');
    http.expectNone('/api/v1/portail/notifications/lues');
  });

  it('when the jeune confirms the next rendez-vous, sends the answer, then reads the home again', async () => {
    const element = await render(unAccueil({ notifications: ok<'notifications'>({ nonLues: 0, items: [] }) }));

    button(card(element, 'Mon prochain rendez-vous'), 'Je confirme')?.click();
    await fixture.whenStable();
    const confirmation = http.expectOne(`/api/v1/me/rendez-vous/${RDV.id}/confirmation`);
    expect(confirmation.request.body).toEqual({ reponse: 'CONFIRME' });
    confirmation.flush({});
    await fixture.whenStable();

    const [again] = portail();
    expect(again).withContext('the home read again').toBeDefined();
    again?.flush(unAccueil({ 'prochain-rendez-vous': ok<'prochain-rendez-vous'>({ timezone: FUSEAU, rendezVous: { ...RDV, reponse: 'CONFIRME' } }) }));
    await fixture.whenStable();
    expect(text(card(element, 'Mon prochain rendez-vous'))).toContain('Vous avez confirmé');
  });

  it('when no rendez-vous is planned, says so', async () => {
    const element = await render(unAccueil({ 'prochain-rendez-vous': ok<'prochain-rendez-vous'>({ timezone: FUSEAU, rendezVous: null }) }));

    expect(text(card(element, 'Mon prochain rendez-vous'))).toContain('Aucun rendez-vous à venir.');
  });
});
