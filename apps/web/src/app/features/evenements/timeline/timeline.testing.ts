import type { TimelineItemDto, TimelinePageDto } from '@imilo/domain';

/** The jeune whose parcours the timeline specs show. */
export const TIMELINE_JEUNE_ID = '7c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';
/** Its timeline's URL (without the query). */
export const TIMELINE_URL = `/api/v1/jeunes/${TIMELINE_JEUNE_ID}/timeline`;

/** A timeline item: an entretien in October; override what the scenario needs. */
export const unItem = (overrides: Partial<TimelineItemDto> = {}): TimelineItemDto => ({
  kind: 'evenement',
  id: '11111111-1111-4111-8111-111111111111',
  at: '2026-10-14T12:30:00.000Z',
  titre: 'Entretien individuel',
  detail: 'Point sur la recherche de stage',
  themes: ['EMPLOI'],
  typeEvenement: 'ENTRETIEN_INDIVIDUEL',
  auteur: 'Awa Diallo',
  statut: null,
  ...overrides,
});

/** `count` événements a day apart, newest first, from `from` backwards, with ids unique within the list. */
export const desItems = (count: number, from = '2026-11-28T09:00:00.000Z', prefix = 'a'): TimelineItemDto[] =>
  Array.from({ length: count }, (_, index) =>
    unItem({
      id: `${prefix}${String(index).padStart(7, '0')}-1111-4111-8111-111111111111`,
      at: new Date(Date.parse(from) - index * 24 * 60 * 60 * 1000).toISOString(),
      titre: `Entretien ${index + 1}`,
    }),
  );

/** A page of the timeline. */
export const unePage = (items: TimelineItemDto[], nextCursor: string | null = null): TimelinePageDto => ({ items, nextCursor });
