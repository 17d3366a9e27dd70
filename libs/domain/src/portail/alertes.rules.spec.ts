import { alerteTraitementSchema } from './portail.schema';
import { type Alerte, cleAlerte, evaluerAlertes, type FaitsJeune, fenetresAlertes, REGLES_DOSSIER } from './alertes.rules';

// Today is Sunday 29 November 2026 in the Mission Locale's zone; every rule is checked on both sides of its boundary.
const TODAY = '2026-11-29';
const JEUNE = { id: '0f8fad5b-d9cb-469f-a165-70867728950e', prenom: 'Inès', nom: 'Benali' };

/** A jeune who raises no alert: 20 years old, contacted last week, no titre, no situation ending, reachable. */
const calme = (overrides: Partial<FaitsJeune> = {}): FaitsJeune => ({
  jeune: JEUNE,
  dateNaissance: '2006-05-10',
  rqth: false,
  ouvertLe: '2025-01-15',
  titreSejourExpireLe: null,
  finsSituations: [],
  dernierContactLe: '2026-11-20',
  prochainRendezVousLe: null,
  joignablePush: true,
  ...overrides,
});

const alertes = (faits: FaitsJeune, today = TODAY, traitees?: ReadonlySet<string>): Alerte[] =>
  evaluerAlertes(REGLES_DOSSIER, [faits], today, traitees);

const regles = (faits: FaitsJeune, today = TODAY) => alertes(faits, today).map((alerte) => alerte.regle);

describe('alertes.rules', () => {
  it('when nothing is due, a jeune raises no alert', () => {
    expect(alertes(calme())).toEqual([]);
  });

  describe('AGE_LIMITE', () => {
    it('when the 26th birthday is 60 days away, it alerts; 61 days away, not yet', () => {
      // 29 November + 60 days = 28 January 2027.
      expect(alertes(calme({ dateNaissance: '2001-01-28' }))).toEqual([
        {
          cle: `AGE_LIMITE:${JEUNE.id}:2027-01-28`,
          regle: 'AGE_LIMITE',
          jeune: JEUNE,
          echeance: '2027-01-28',
          libelle: 'Aura 26 ans le 28/01/2027 : limite d’âge de l’accompagnement.',
        },
      ]);
      expect(regles(calme({ dateNaissance: '2001-01-29' }))).toEqual([]);
    });

    it('when the jeune has a RQTH, the limit is 30, announced 60 days ahead as well', () => {
      expect(regles(calme({ dateNaissance: '2001-01-28', rqth: true }))).toEqual([]);
      const [alerte] = alertes(calme({ dateNaissance: '1997-01-28', rqth: true }));
      expect(alerte?.echeance).toBe('2027-01-28');
      expect(alerte?.libelle).toBe('Aura 30 ans le 28/01/2027 (RQTH) : limite d’âge de l’accompagnement.');
      expect(regles(calme({ dateNaissance: '1997-01-29', rqth: true }))).toEqual([]);
    });

    it('when the limit is passed and the dossier still active, it says so with the day it was reached', () => {
      const [alerte] = alertes(calme({ dateNaissance: '2000-11-28' }));
      expect(alerte?.libelle).toBe('A atteint la limite d’âge (26 ans) le 28/11/2026.');
      // Turning 26 today is still "will be".
      expect(alertes(calme({ dateNaissance: '2000-11-29' }))[0]?.libelle).toContain('Aura 26 ans le 29/11/2026');
    });

    it('when born on 29 February, the limit falls on 1 March of a common year', () => {
      expect(alertes(calme({ dateNaissance: '2001-02-28' }), '2026-12-30')[0]?.echeance).toBe('2027-02-28');
      expect(alertes(calme({ dateNaissance: '2000-02-29' }), '2025-12-31')[0]?.echeance).toBe('2026-03-01');
    });
  });

  describe('TITRE_SEJOUR', () => {
    it('when the titre expires within 60 days (the 60th included), it alerts; the 61st, not yet', () => {
      expect(alertes(calme({ titreSejourExpireLe: '2027-01-28' }))[0]?.libelle).toBe('Titre de séjour valable jusqu’au 28/01/2027.');
      expect(regles(calme({ titreSejourExpireLe: '2027-01-29' }))).toEqual([]);
    });

    it('when the titre has expired, it alerts as expired', () => {
      expect(alertes(calme({ titreSejourExpireLe: '2026-11-28' }))[0]?.libelle).toBe('Titre de séjour expiré le 28/11/2026.');
      expect(alertes(calme({ titreSejourExpireLe: TODAY }))[0]?.libelle).toBe('Titre de séjour valable jusqu’au 29/11/2026.');
    });
  });

  describe('FIN_SITUATION', () => {
    it('when a current situation ends within 30 days, the soonest is announced; past or later ends are not', () => {
      const faits = calme({
        finsSituations: [
          { libelle: 'Formation', fin: '2026-12-29' },
          { libelle: 'Emploi', fin: '2026-12-10' },
          { libelle: 'Immersion', fin: '2026-11-28' },
        ],
      });
      expect(alertes(faits).map((alerte) => [alerte.echeance, alerte.libelle])).toEqual([['2026-12-10', 'Emploi : se termine le 10/12/2026.']]);
      expect(regles(calme({ finsSituations: [{ libelle: 'Formation', fin: '2026-12-30' }] }))).toEqual([]);
      expect(regles(calme({ finsSituations: [{ libelle: 'Formation', fin: '2026-11-28' }] }))).toEqual([]);
    });
  });

  describe('SANS_CONTACT', () => {
    it('when the last contact is 90 days old, it alerts; 89 days, not yet', () => {
      // 29 November − 90 days = 31 August.
      expect(alertes(calme({ dernierContactLe: '2026-08-31' }))[0]).toEqual(
        jasmine.objectContaining({ regle: 'SANS_CONTACT', echeance: TODAY, libelle: 'Aucun contact depuis le 31/08/2026.' }),
      );
      expect(regles(calme({ dernierContactLe: '2026-09-01' }))).toEqual([]);
    });

    it('when the jeune was never contacted, the 90 days run from the opening of the dossier', () => {
      expect(alertes(calme({ dernierContactLe: null, ouvertLe: '2026-08-31' }))[0]?.libelle).toBe(
        'Aucun contact depuis l’ouverture du dossier le 31/08/2026.',
      );
      expect(regles(calme({ dernierContactLe: null, ouvertLe: '2026-09-01' }))).toEqual([]);
    });
  });

  describe('PUSH_INJOIGNABLE', () => {
    // Today is a Sunday: "this week" is today only. On Monday 30 November it runs to Sunday 6 December.
    it('when a rendez-vous falls this week and no device accepts notifications, it alerts', () => {
      const faits = calme({ joignablePush: false, prochainRendezVousLe: '2026-12-06' });
      expect(regles(faits, '2026-11-30')).toEqual(['PUSH_INJOIGNABLE']);
      expect(regles({ ...faits, prochainRendezVousLe: '2026-12-07' }, '2026-11-30')).toEqual([]);
      expect(regles(faits, TODAY)).toEqual([]);
    });

    it('when the jeune is reachable, or has no rendez-vous, it does not', () => {
      expect(regles(calme({ joignablePush: true, prochainRendezVousLe: '2026-12-01' }), '2026-11-30')).toEqual([]);
      expect(regles(calme({ joignablePush: false }), '2026-11-30')).toEqual([]);
    });
  });

  it('when an alert was marked traitée, that occurrence stays silent but a new échéance alerts again', () => {
    const traitee = new Set([cleAlerte('TITRE_SEJOUR', JEUNE.id, '2027-01-10')]);
    expect(alertes(calme({ titreSejourExpireLe: '2027-01-10' }), TODAY, traitee)).toEqual([]);
    expect(regles(calme({ titreSejourExpireLe: '2027-01-12' }), TODAY)).toEqual(['TITRE_SEJOUR']);
    expect(alertes(calme({ titreSejourExpireLe: '2027-01-12' }), TODAY, traitee).length).toBe(1);
  });

  it('when several jeunes raise alerts, the rules’ priority comes first, then the soonest échéance, then the name', () => {
    const autre = { id: '9b2f7a4e-0c1d-4e5f-8a9b-0c1d2e3f4a5b', prenom: 'Adam', nom: 'Arnaud' };
    const list = evaluerAlertes(
      REGLES_DOSSIER,
      [
        calme({ titreSejourExpireLe: '2027-01-10', dernierContactLe: '2026-08-01' }),
        calme({ jeune: autre, titreSejourExpireLe: '2027-01-10' }),
      ],
      TODAY,
    );
    expect(list.map((alerte) => [alerte.regle, alerte.jeune.nom])).toEqual([
      ['TITRE_SEJOUR', 'Arnaud'],
      ['TITRE_SEJOUR', 'Benali'],
      ['SANS_CONTACT', 'Benali'],
    ]);
  });

  it('when the BFF prefilters, every jeune a rule would flag falls inside the windows', () => {
    const windows = fenetresAlertes(TODAY);
    expect(windows.naissanceAgeLimiteAvant).toBe('2001-01-28');
    expect(windows.naissanceAgeLimiteRqthAvant).toBe('1997-01-28');
    expect(windows.titreSejourAvant).toBe('2027-01-28');
    expect(windows.finSituationAvant).toBe('2026-12-29');
    expect(windows.contactAvant).toBe('2026-08-31');
    expect(windows.rendezVousAvant).toBe(TODAY);
  });

  it('when a key is submitted, only a known rule, a uuid and a day pass', () => {
    expect(alerteTraitementSchema.safeParse({ cle: cleAlerte('SANS_CONTACT', JEUNE.id, TODAY) }).success).toBeTrue();
    expect(alerteTraitementSchema.safeParse({ cle: `INCONNUE:${JEUNE.id}:${TODAY}` }).success).toBeFalse();
    expect(alerteTraitementSchema.safeParse({ cle: `SANS_CONTACT:${JEUNE.id}` }).success).toBeFalse();
    expect(alerteTraitementSchema.safeParse({ cle: `SANS_CONTACT:${JEUNE.id}:${TODAY}`, autre: 1 }).success).toBeFalse();
  });
});
