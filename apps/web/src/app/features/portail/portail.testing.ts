import type { EnvironmentProviders, Provider } from '@angular/core';
import {
  type DispositionItem,
  type Home,
  type PortailDto,
  WIDGETS,
  type WidgetData,
  type WidgetEtat,
  type WidgetId,
} from '@imilo/domain';
import { provideDossierTesting } from '../dossiers/dossier/dossier.testing';

/** The home was computed on Sunday 29 November 2026 at 14:32 in Paris. */
export const GENERE_LE = '2026-11-29T13:32:00.000Z';
export const AUJOURDHUI = '2026-11-29';
export const JEUNE = { id: '7c1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6', prenom: 'Léa', nom: 'Martin' };
export const SITE_NORD = { id: '0d5e7f21-8c3b-4e9a-b1f2-3a4c5d6e7f80', nom: 'Antenne Nord' };
export const SITE_SUD = { id: '1e6f8a32-9d4c-4fab-82a3-4b5d6e7f8091', nom: 'Antenne Sud' };

export const ok = <K extends WidgetId>(donnees: WidgetData<K>): WidgetEtat<K> => ({ statut: 'ok', donnees });

export const unRendezVousDuJour = (overrides: Partial<WidgetData<'rendez-vous-du-jour'>> = {}): WidgetData<'rendez-vous-du-jour'> => ({
  total: 1,
  jours: [
    {
      jour: AUJOURDHUI,
      items: [
        {
          kind: 'rendez-vous',
          id: 'rdv-1',
          debut: '2026-11-29T15:00:00.000Z',
          fin: '2026-11-29T15:30:00.000Z',
          titre: 'Léa Martin',
          jeune: JEUNE,
          type: 'ENTRETIEN_INDIVIDUEL_CONSEILLER',
          modalite: 'PRESENTIEL_SITE',
          statut: 'PLANIFIE',
          reponseJeune: 'CONFIRME',
          presence: null,
          aCloturer: false,
        },
      ],
    },
    { jour: '2026-11-30', items: [] },
  ],
  ...overrides,
});

export const uneAlerte = (overrides: Partial<WidgetData<'alertes'>['items'][number]> = {}): WidgetData<'alertes'>['items'][number] => ({
  cle: `AGE_LIMITE:${JEUNE.id}:2027-01-15`,
  regle: 'AGE_LIMITE',
  jeune: JEUNE,
  echeance: '2027-01-15',
  libelle: 'Aura 26 ans le 15 janvier 2027',
  ...overrides,
});

export const unIndicateur = (valeur: number, precedente: number | null) => ({
  valeur,
  precedente,
  serie: [
    { nom: 'sem. du 2 nov.', valeur: Math.round(valeur / 4) },
    { nom: 'sem. du 9 nov.', valeur: Math.round(valeur / 4) },
    { nom: 'sem. du 16 nov.', valeur: Math.round(valeur / 4) },
    { nom: 'sem. du 23 nov.', valeur: valeur - 3 * Math.round(valeur / 4) },
  ],
});

const periode = { periode: 'mois' as const, du: '2026-11-01', au: AUJOURDHUI };

/** Each widget's data, as the BFF would answer it on a calm day. */
export const DONNEES: { readonly [K in WidgetId]: WidgetData<K> } = {
  'rendez-vous-du-jour': unRendezVousDuJour(),
  'a-cloturer': { total: 1, items: [{ kind: 'rendez-vous', id: 'rdv-0', debut: '2026-11-27T09:00:00.000Z', titre: 'Léa Martin', jeune: JEUNE }] },
  alertes: { total: 1, items: [uneAlerte()] },
  'dossiers-a-completer': { total: 1, items: [{ jeune: JEUNE, completude: 'partiel', manquants: ['Adresse', 'Niveau de formation'] }] },
  memos: { total: 0, enRetard: 0, items: [] },
  'offre-de-service': {
    sessions: [{ id: 'session-1', titre: 'Atelier CV', debut: '2026-12-01T09:00:00.000Z', places: 12, placesLibres: 4 }],
    offresInternes: [{ id: 'offre-1', libelle: 'Atelier CV', type: 'ATELIER', utilisations: 7 }],
  },
  'mon-activite': {
    du: '2026-11-23',
    au: AUJOURDHUI,
    rendezVousTenus: 6,
    evenements: 9,
    absences: 1,
    parJour: [
      { jour: '2026-11-23', rendezVousTenus: 2, evenements: 3, absences: 0 },
      { jour: '2026-11-24', rendezVousTenus: 4, evenements: 6, absences: 1 },
    ],
  },
  'jeunes-accompagnes': { ...periode, indicateur: unIndicateur(120, 100) },
  'premiers-accueils': { ...periode, indicateur: unIndicateur(18, 24) },
  'rendez-vous-tenus': { ...periode, indicateur: unIndicateur(80, 80), absences: 10, tauxAbsence: 0.111, tauxAbsencePrecedent: 0.15 },
  'evenements-par-theme': {
    ...periode,
    indicateur: unIndicateur(200, null),
    parTheme: [
      { theme: 'EMPLOI', libelle: 'Emploi', valeur: 120 },
      { theme: 'FORMATION', libelle: 'Formation', valeur: 80 },
    ],
  },
  'dossiers-par-completude': {
    total: 300,
    parNiveau: [
      { niveau: 'partiel', valeur: 120 },
      { niveau: 'complet', valeur: 150 },
      { niveau: 'justifie', valeur: 30 },
    ],
  },
  comptes: { actifs: 40, enAttenteActivation: 2, desactives: 3 },
  'prochain-rendez-vous': { timezone: 'Europe/Paris', rendezVous: null },
  'mes-actions': { total: 0, items: [] },
  notifications: { nonLues: 0, items: [] },
};

const DISPOSITIONS: Readonly<Record<Home, readonly WidgetId[]>> = {
  conseiller: ['rendez-vous-du-jour', 'a-cloturer', 'alertes', 'memos', 'dossiers-a-completer', 'mon-activite', 'offre-de-service'],
  direction: ['jeunes-accompagnes', 'premiers-accueils', 'rendez-vous-tenus', 'evenements-par-theme', 'dossiers-par-completude'],
  admin: ['comptes'],
  'c-milo': ['prochain-rendez-vous', 'mes-actions', 'notifications'],
};

/** The layout of these widgets at their default widths. */
export const disposition = (ids: readonly WidgetId[]): DispositionItem[] => ids.map((id) => ({ id, taille: WIDGETS[id].taille }));

/** A home as `GET /api/v1/portail` answers it: every widget of the layout computed from DONNEES, unless overridden. */
export const unPortail = (
  home: Home = 'conseiller',
  overrides: { readonly widgets?: readonly WidgetId[]; readonly etats?: Partial<PortailDto['widgets']>; readonly parDefaut?: boolean; readonly catalogue?: readonly WidgetId[] } = {},
): PortailDto => {
  const ids = overrides.widgets ?? DISPOSITIONS[home];
  const widgets: Record<string, unknown> = {};
  for (const id of ids) {
    widgets[id] = ok(DONNEES[id]);
  }
  return {
    home,
    genereLe: GENERE_LE,
    timezone: 'Europe/Paris',
    aujourdhui: AUJOURDHUI,
    disposition: { widgets: disposition(ids), parDefaut: overrides.parDefaut ?? true },
    catalogue: [...(overrides.catalogue ?? DISPOSITIONS[home])],
    sites: home === 'direction' ? [SITE_NORD, SITE_SUD] : [],
    // Built from the DONNEES of the same ids: each key holds its own widget's state.
    widgets: { ...(widgets as PortailDto['widgets']), ...overrides.etats },
  };
};

/** The dossier testing setup: router, HTTP testing, auth slice, offline fakes, a tablet or a phone. */
export const providePortailTesting = (options: { readonly tablet?: boolean } = {}): (Provider | EnvironmentProviders)[] =>
  provideDossierTesting({ tablet: options.tablet ?? true });
