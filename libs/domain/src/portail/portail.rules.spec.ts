import { dispositionSchema, portailQuerySchema } from './portail.schema';
import {
  catalogueOf,
  dispositionApplicable,
  dispositionParDefaut,
  homeOf,
  periodesComparees,
  serieParTranche,
  tauxAbsence,
  tranchesDe,
  widgetsHorsCatalogue,
} from './portail.rules';

describe('portail.rules', () => {
  describe('homes and catalogues', () => {
    it('when a user signs in, each role gets its home; a manager who is also conseiller gets the direction home', () => {
      expect(homeOf(['conseiller'])).toBe('conseiller');
      expect(homeOf(['charge_accueil'])).toBe('conseiller');
      expect(homeOf(['direction'])).toBe('direction');
      expect(homeOf(['conseiller', 'direction'])).toBe('direction');
      expect(homeOf(['admin_ml'])).toBe('admin');
      expect(homeOf(['jeune'])).toBe('c-milo');
      expect(homeOf([])).toBeNull();
    });

    it('when a chargé d’accueil personalises, no widget reads dossier content they may not see', () => {
      const catalogue = catalogueOf('conseiller', ['charge_accueil']);
      expect(catalogue).toEqual(['memos', 'offre-de-service']);
      expect(widgetsHorsCatalogue([{ id: 'alertes', taille: 1 }], 'conseiller', ['charge_accueil'])).toEqual(['alertes']);
    });

    it('when a conseiller personalises, the seven widgets of the day are offered, none of the manager’s figures', () => {
      expect(catalogueOf('conseiller', ['conseiller'])).toEqual([
        'rendez-vous-du-jour',
        'a-cloturer',
        'alertes',
        'dossiers-a-completer',
        'memos',
        'offre-de-service',
        'mon-activite',
      ]);
    });

    it('when a manager also holds the conseiller role, their catalogue adds the conseiller’s agenda widgets to the figures', () => {
      const direction = catalogueOf('direction', ['direction']);
      expect(direction).toContain('jeunes-accompagnes');
      expect(direction).toContain('rendez-vous-du-jour');
      expect(direction).not.toContain('alertes');
      expect(catalogueOf('conseiller', ['jeune'])).toEqual([]);
    });

    it('when nothing is saved, the home shows its default widgets in order with their default widths', () => {
      expect(dispositionParDefaut('direction', ['direction'])).toEqual([
        { id: 'jeunes-accompagnes', taille: 1 },
        { id: 'premiers-accueils', taille: 1 },
        { id: 'rendez-vous-tenus', taille: 1 },
        { id: 'evenements-par-theme', taille: 2 },
        { id: 'dossiers-par-completude', taille: 1 },
      ]);
      expect(dispositionParDefaut('conseiller', ['charge_accueil']).map((item) => item.id)).toEqual(['memos', 'offre-de-service']);
      expect(dispositionParDefaut('c-milo', ['jeune']).map((item) => item.id)).toEqual(['prochain-rendez-vous', 'mes-actions', 'notifications']);
    });

    it('when a role was removed since the layout was saved, its widgets are dropped, the rest keeps its order', () => {
      const saved = [
        { id: 'memos', taille: 2 },
        { id: 'alertes', taille: 1 },
        { id: 'offre-de-service', taille: 1 },
      ] as const;
      expect(dispositionApplicable(saved, 'conseiller', ['charge_accueil'])).toEqual([
        { id: 'memos', taille: 2 },
        { id: 'offre-de-service', taille: 1 },
      ]);
    });
  });

  describe('disposition schema', () => {
    it('when a widget appears twice, an unknown widget or width is sent, the layout is refused in French', () => {
      const twice = dispositionSchema.safeParse({ widgets: [{ id: 'memos', taille: 1 }, { id: 'memos', taille: 2 }] });
      expect(twice.error?.issues[0]?.message).toBe('Un widget ne peut figurer qu’une fois.');
      expect(dispositionSchema.safeParse({ widgets: [{ id: 'meteo', taille: 1 }] }).success).toBeFalse();
      expect(dispositionSchema.safeParse({ widgets: [{ id: 'memos', taille: 3 }] }).error?.issues[0]?.message).toBe(
        'La taille d’un widget : 1 ou 2 colonnes.',
      );
      expect(dispositionSchema.safeParse({ widgets: [] }).success).toBeTrue();
    });

    it('when the home is asked without a period, the month is taken; a bad site is refused', () => {
      expect(portailQuerySchema.parse({})).toEqual({ periode: 'mois' });
      expect(portailQuerySchema.safeParse({ site: 'x' }).success).toBeFalse();
      expect(portailQuerySchema.safeParse({ periode: 'annee' }).success).toBeFalse();
    });
  });

  describe('periods', () => {
    it('when the week so far is compared, it runs from Monday to today against the same days a week earlier', () => {
      expect(periodesComparees('semaine', '2026-11-26')).toEqual({
        courante: { du: '2026-11-23', au: '2026-11-26' },
        precedente: { du: '2026-11-16', au: '2026-11-19' },
      });
    });

    it('when the month so far is compared, the same days of the previous month are, never past its end', () => {
      expect(periodesComparees('mois', '2026-11-29')).toEqual({
        courante: { du: '2026-11-01', au: '2026-11-29' },
        precedente: { du: '2026-10-01', au: '2026-10-29' },
      });
      expect(periodesComparees('mois', '2027-03-31').precedente).toEqual({ du: '2027-02-01', au: '2027-02-28' });
    });

    it('when the quarter so far is compared, it starts on the quarter’s first day', () => {
      expect(periodesComparees('trimestre', '2026-11-29')).toEqual({
        courante: { du: '2026-10-01', au: '2026-11-29' },
        precedente: { du: '2026-07-01', au: '2026-08-29' },
      });
      expect(periodesComparees('trimestre', '2027-01-05').courante.du).toBe('2027-01-01');
    });

    it('when a figure is charted, a month is cut into weeks from Monday, a quarter into months, a week into days', () => {
      const mois = tranchesDe('mois', { du: '2026-11-01', au: '2026-11-29' });
      expect(mois.map((tranche) => [tranche.du, tranche.au, tranche.nom])).toEqual([
        ['2026-11-01', '2026-11-01', 'sem. du 1 nov.'],
        ['2026-11-02', '2026-11-08', 'sem. du 2 nov.'],
        ['2026-11-09', '2026-11-15', 'sem. du 9 nov.'],
        ['2026-11-16', '2026-11-22', 'sem. du 16 nov.'],
        ['2026-11-23', '2026-11-29', 'sem. du 23 nov.'],
      ]);
      expect(tranchesDe('trimestre', { du: '2026-10-01', au: '2026-11-29' }).map((tranche) => [tranche.au, tranche.nom])).toEqual([
        ['2026-10-31', 'oct.'],
        ['2026-11-29', 'nov.'],
      ]);
      expect(tranchesDe('semaine', { du: '2026-11-23', au: '2026-11-25' }).map((tranche) => tranche.nom)).toEqual(['lun. 23', 'mar. 24', 'mer. 25']);
    });

    it('when per-day counts are summed into buckets, each day counts once, in its bucket', () => {
      const tranches = tranchesDe('mois', { du: '2026-11-01', au: '2026-11-10' });
      const parJour = new Map([
        ['2026-11-01', 2],
        ['2026-11-02', 3],
        ['2026-11-08', 1],
        ['2026-11-09', 4],
        ['2026-10-31', 100],
      ]);
      expect(serieParTranche(tranches, parJour).map((point) => point.valeur)).toEqual([2, 4, 4]);
    });
  });

  it('when the no-show rate is computed, excused absences do not count, and no closed rendez-vous gives no rate', () => {
    expect(tauxAbsence(3, 1)).toBe(0.25);
    expect(tauxAbsence(0, 0)).toBeNull();
  });
});
