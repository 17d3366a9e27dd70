import type { DossierDto, EvenementDto } from '@imilo/domain';
import { anOutboxEntry } from '../../../../core/offline/offline.testing';
import { formatInstant } from '../dossier-format';
import { aConflictBody, JEUNE_ID, unDossier } from '../dossier.testing';
import { conflictViewOf, humanisePath, resolvedBody } from './conflict-view';

const BASILE = { id: 'u-2', prenom: 'Basile', nom: 'Morel' };

/** The coordonnées a PATCH sends, from the dossier's as read; override what was typed. */
const coordonneesSent = (dossier: DossierDto, overrides: Record<string, unknown> = {}) => {
  const { adresse, telephone, email, consentements } = dossier.coordonnees;
  const { communeNom: _nom, depuis: _depuis, ...adresseSent } = adresse ?? { communeNom: null, depuis: '' };
  return { telephone, email, consentements, adresse: adresse === null ? null : adresseSent, ...overrides };
};

/** A dossier edit queued offline that the BFF refused, with the stored dossier. */
const aDossierConflict = (body: Record<string, unknown>, current: DossierDto, base: DossierDto = unDossier()) =>
  anOutboxEntry({
    kind: 'dossier',
    method: 'PATCH',
    url: `/api/v1/jeunes/${JEUNE_ID}`,
    jeuneId: JEUNE_ID,
    label: 'Modification : Coordonnées',
    status: 'conflict',
    body,
    base,
    problem: aConflictBody(current),
  });

describe('conflictViewOf', () => {
  const base = unDossier();
  // Meanwhile, Basile changed the phone number and withdrew the SMS consent.
  const current = unDossier({
    version: 5,
    modifieLe: '2026-11-29T10:15:00.000Z',
    modifiePar: BASILE,
    coordonnees: {
      ...base.coordonnees,
      telephone: '0699999999',
      consentements: { sms: false, email: false, push: false },
    },
  });
  // Offline, I typed another number and accepted e-mails.
  const body = {
    version: 3,
    coordonnees: coordonneesSent(base, { telephone: '0711223344', consentements: { sms: true, email: true, push: false } }),
  };

  it('compares the fields the edit carries: both changed, mine only, theirs only; the rest is not listed', () => {
    const view = conflictViewOf(aDossierConflict(body, current));

    expect(view?.modifiePar).toBe('Basile Morel');
    expect(view?.modifieLe).toBe(formatInstant('2026-11-29T10:15:00.000Z'));
    expect(view?.rows).toEqual([
      { path: 'coordonnees.telephone', kind: 'conflict', label: 'Téléphone', base: '06 12 34 56 78', mine: '07 11 22 33 44', theirs: '06 99 99 99 99' },
      { path: 'coordonnees.consentements.sms', kind: 'theirs', label: 'Contact par SMS', base: 'Oui', mine: 'Oui', theirs: 'Non' },
      { path: 'coordonnees.consentements.email', kind: 'mine', label: 'Contact par e-mail', base: 'Non', mine: 'Oui', theirs: 'Non' },
    ]);
  });

  it('builds no write while a conflict has no choice; then the stored version, my uncontested changes and my choices', () => {
    const view = conflictViewOf(aDossierConflict(body, current));
    if (view === null) {
      fail('no view');
      return;
    }

    expect(resolvedBody(view, {})).toBeNull();
    expect(resolvedBody(view, { 'coordonnees.telephone': 'theirs' })).toEqual({
      version: 5,
      coordonnees: coordonneesSent(base, { telephone: '0699999999', consentements: { sms: false, email: true, push: false } }),
    });
    expect(resolvedBody(view, { 'coordonnees.telephone': 'mine' })).toEqual({
      version: 5,
      coordonnees: coordonneesSent(base, { telephone: '0711223344', consentements: { sms: false, email: true, push: false } }),
    });
  });

  it('treats the address as one field: never half mine, half theirs', () => {
    const autre = { ligne1: '8 rue Garibaldi', ligne2: null, codePostal: '69006', communeInsee: '69386', qpvCode: null };
    const theirs = unDossier({
      version: 5,
      coordonnees: {
        ...base.coordonnees,
        adresse: { ...autre, ligne1: '40 cours Lafayette', codePostal: '69003', communeInsee: '69383', communeNom: 'Lyon 3e', depuis: '2026-11-01' },
      },
    });
    const view = conflictViewOf(aDossierConflict({ version: 3, coordonnees: coordonneesSent(base, { adresse: autre }) }, theirs));

    expect(view?.rows.map((row) => [row.path, row.kind, row.mine])).toEqual([
      ['coordonnees.adresse', 'conflict', '8 rue Garibaldi · 69006 · 69386'],
    ]);
    expect(view === null ? null : resolvedBody(view, { 'coordonnees.adresse': 'mine' })?.['coordonnees']).toEqual(
      jasmine.objectContaining({ adresse: autre }),
    );
  });

  it('masks a NIR typed offline, and labels coded values', () => {
    const { nirMasque: _n, communeNaissanceNom: _c, pieceIdentiteNumeroMasque: _p, ...identite } = base.identite;
    const theirs = unDossier({ version: 5, identite: { ...base.identite, nationalite: 'UE' } });
    const view = conflictViewOf(
      aDossierConflict({ version: 3, identite: { ...identite, nationalite: 'HORS_UE', nir: '2070569123456 78' } }, theirs),
    );

    expect(view?.rows).toEqual([
      { path: 'identite.nationalite', kind: 'conflict', label: 'Nationalité', base: 'Française', mine: 'Hors Union européenne', theirs: 'Union européenne' },
      { path: 'identite.nir', kind: 'mine', label: 'NIR', base: 'Non renseigné', mine: '••• 78', theirs: 'Non renseigné' },
    ]);
  });

  it('without the stored record in the 409, cannot compare', () => {
    expect(conflictViewOf(anOutboxEntry({ kind: 'dossier', status: 'conflict', body: { version: 3 }, problem: null }))).toBeNull();
  });

  it('names a field the label map does not know from its path', () => {
    expect(humanisePath('identite.communeNaissanceInsee')).toBe('Commune naissance insee');
  });
});

describe('conflictViewOf, for an événement', () => {
  const unEvenement = (overrides: Partial<EvenementDto> = {}): EvenementDto => ({
    id: 'ev-1',
    jeuneId: JEUNE_ID,
    date: '2026-11-29T13:30:00.000Z',
    dureeMinutes: 30,
    type: { code: 'ENTRETIEN_INDIVIDUEL', libelle: 'Entretien individuel' },
    lieu: { type: 'SITE', siteId: 'site-1', siteNom: 'Antenne Lyon 7', adresse: null },
    themes: ['EMPLOI', 'SANTE'],
    objet: 'Point mensuel',
    contexte: null,
    partenaire: null,
    conseiller: { id: 'u-1', prenom: 'Awa', nom: 'Diallo' },
    origine: 'SAISIE',
    propositionId: null,
    actionIds: [],
    propositionIds: [],
    version: 2,
    creeLe: '2026-11-29T13:40:00.000Z',
    modifieLe: '2026-11-29T13:40:00.000Z',
    modifiePar: { id: 'u-1', prenom: 'Awa', nom: 'Diallo' },
    ...overrides,
  });

  it('compares the same instant written with another offset, thèmes in any order, the type by its code', () => {
    const base = unEvenement();
    const current = unEvenement({ version: 3, objet: 'Point mensuel (corrigé)', modifiePar: BASILE, type: { code: 'TELEPHONE', libelle: 'Téléphone' } });
    const view = conflictViewOf(
      anOutboxEntry({
        kind: 'evenement',
        method: 'PATCH',
        status: 'conflict',
        label: 'Entretien individuel du 29/11',
        base,
        body: {
          version: 2,
          date: '2026-11-29T14:30:00+01:00',
          dureeMinutes: 45,
          typeCode: 'ATELIER',
          lieu: { type: 'SITE', siteId: 'site-1' },
          themes: ['SANTE', 'EMPLOI'],
          objet: 'Point mensuel',
          contexte: null,
          partenaire: null,
        },
        problem: { type: 'about:blank', title: 'Conflit', status: 409, code: 'conflict', current },
      }),
    );

    expect(view?.rows).toEqual([
      { path: 'dureeMinutes', kind: 'mine', label: 'Durée (minutes)', base: '30', mine: '45', theirs: '30' },
      { path: 'typeCode', kind: 'conflict', label: "Type d'événement", base: 'Entretien individuel', mine: 'Atelier', theirs: 'Téléphone' },
      { path: 'objet', kind: 'theirs', label: 'Objet', base: 'Point mensuel', mine: 'Point mensuel', theirs: 'Point mensuel (corrigé)' },
    ]);
    expect(view === null ? null : resolvedBody(view, { typeCode: 'mine' })).toEqual({
      version: 3,
      date: '2026-11-29T13:30:00.000Z',
      dureeMinutes: 45,
      typeCode: 'ATELIER',
      lieu: { type: 'SITE', siteId: 'site-1' },
      themes: ['EMPLOI', 'SANTE'],
      objet: 'Point mensuel (corrigé)',
      contexte: null,
      partenaire: null,
    });
  });
});
