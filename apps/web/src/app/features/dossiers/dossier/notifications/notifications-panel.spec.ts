import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { JoignabiliteDto, MessageDto } from '@imilo/domain';
import { JEUNE_ID, provideDossierTesting } from '../dossier.testing';
import { NotificationsPanel } from './notifications-panel';

const text = (node: Element | null | undefined): string => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

const unMessage = (overrides: Partial<MessageDto> = {}): MessageDto => ({
  id: 'm-1',
  nature: 'RAPPEL',
  rappel: 'J-1',
  rendezVousId: 'r-1',
  sessionId: null,
  prevuLe: '2026-11-30T05:30:00.000Z',
  statut: 'ENVOYE',
  motif: null,
  envois: [
    { canal: 'push', statut: 'ECHEC', motif: 'Abonnement expiré (410)', segments: null, le: '2026-11-30T05:30:05.000Z', acquitteLe: null },
    { canal: 'sms', statut: 'DELIVRE', motif: null, segments: 1, le: '2026-11-30T05:31:00.000Z', acquitteLe: null },
  ],
  ...overrides,
});

describe('NotificationsPanel', () => {
  let http: HttpTestingController;

  const render = async (joignabilite: JoignabiliteDto, messages: MessageDto[]) => {
    TestBed.configureTestingModule({ providers: provideDossierTesting() });
    http = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(NotificationsPanel);
    fixture.componentRef.setInput('jeuneId', JEUNE_ID);
    fixture.componentRef.setInput('timeZone', 'Indian/Reunion');
    await fixture.whenStable();
    http.expectOne(`/api/v1/jeunes/${JEUNE_ID}/joignabilite`).flush(joignabilite);
    http.expectOne(`/api/v1/jeunes/${JEUNE_ID}/messages`).flush(messages);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  };

  afterEach(() => http.verify());

  it('when the jeune has a subscribed device, says since when, in the Mission Locale’s timezone', async () => {
    // 21:00Z on 2 November is 3 November in La Réunion.
    const element = await render({ joignable: true, depuis: '2026-11-02T21:00:00.000Z', appareils: 2 }, []);

    expect(text(element.querySelector('.notifications-panel-joignabilite'))).toBe(
      'Joignable par notification depuis le mardi 3 novembre 2026 (2 appareils)',
    );
    expect(text(element.querySelector('.notifications-panel-vide'))).toBe('Aucun message envoyé pour le moment.');
  });

  it('when the jeune cannot be reached by push, says so', async () => {
    const element = await render({ joignable: false, depuis: null, appareils: 0 }, []);

    expect(text(element.querySelector('.notifications-panel-joignabilite'))).toBe('Non joignable par notification');
  });

  it('lists each message with each channel tried, its status and why it failed', async () => {
    const element = await render({ joignable: false, depuis: null, appareils: 0 }, [
      unMessage(),
      unMessage({ id: 'm-2', nature: 'ANNULATION', rappel: null, statut: 'ANNULE', motif: 'Rendez-vous déplacé', envois: [] }),
    ]);
    const messages = Array.from(element.querySelectorAll('.notifications-panel-message'));

    expect(text(messages[0]?.querySelector('.notifications-panel-message-titre'))).toBe('Rappel J-1 · Envoyé');
    expect(text(messages[0])).toContain('Prévu le lundi 30 novembre 2026 à 9 h 30');
    expect(Array.from(messages[0]?.querySelectorAll('.notifications-panel-envois li') ?? []).map(text)).toEqual([
      'Notification : Échec, le lundi 30 novembre 2026 à 9 h 30 — Abonnement expiré (410)',
      'SMS : Délivré, le lundi 30 novembre 2026 à 9 h 31 (1 SMS)',
    ]);
    expect(text(messages[1])).toContain('Rendez-vous annulé · Annulé');
    expect(text(messages[1])).toContain('Rendez-vous déplacé');
  });
});
