import type { CategorieSituation, EtatSituation } from './dossier.enums';
import { situationCourante } from './situation.rules';

const situation = (id: string, categorie: CategorieSituation, etat: EtatSituation, dateDebut = '2026-01-05') => ({
  id,
  categorie,
  etat,
  dateDebut,
});

describe('situationCourante', () => {
  it('when there is no situation, there is none current', () => {
    expect(situationCourante([])).toBeNull();
  });

  it('when nothing is EN_COURS, there is none current: a planned or finished situation is not what the jeune does today', () => {
    expect(situationCourante([situation('a', 'EMPLOI', 'PREVU'), situation('b', 'FORMATION', 'TERMINE')])).toBeNull();
  });

  it('when one situation is EN_COURS among planned and finished ones, it is the current one wherever it stands in the list', () => {
    const enCours = situation('c', 'DEMANDEUR_EMPLOI', 'EN_COURS');
    expect(situationCourante([situation('a', 'EMPLOI', 'PREVU'), situation('b', 'EMPLOI', 'TERMINE'), enCours])).toBe(enCours);
  });

  it('when several are EN_COURS, the category first in i-milo’s order wins, whatever the dates', () => {
    const formation = situation('f', 'FORMATION', 'EN_COURS', '2026-03-01');
    const emploi = situation('e', 'EMPLOI', 'EN_COURS', '2025-09-01');
    const demandeur = situation('d', 'DEMANDEUR_EMPLOI', 'EN_COURS', '2026-05-01');
    expect(situationCourante([demandeur, formation, emploi])).toBe(emploi);
    expect(situationCourante([demandeur, formation])).toBe(formation);
  });

  it('when alternance and formation are both EN_COURS, the alternance is current (it comes first)', () => {
    const alternance = situation('a', 'CONTRAT_ALTERNANCE', 'EN_COURS');
    expect(situationCourante([situation('f', 'FORMATION', 'EN_COURS'), alternance])).toBe(alternance);
  });

  it('when two EN_COURS share the category, the one that began last is current', () => {
    const ancien = situation('1', 'EMPLOI', 'EN_COURS', '2025-01-06');
    const recent = situation('2', 'EMPLOI', 'EN_COURS', '2026-02-02');
    expect(situationCourante([ancien, recent])).toBe(recent);
    expect(situationCourante([recent, ancien])).toBe(recent);
  });

  it('when they also began the same day, the first in the list is current', () => {
    const premier = situation('1', 'EMPLOI', 'EN_COURS');
    const second = situation('2', 'EMPLOI', 'EN_COURS');
    expect(situationCourante([premier, second])).toBe(premier);
  });

  it('when called, it leaves the given list in its order', () => {
    const list = [situation('d', 'DEMANDEUR_EMPLOI', 'EN_COURS'), situation('e', 'EMPLOI', 'EN_COURS')];
    const copy = [...list];
    situationCourante(list);
    expect(list).toEqual(copy);
  });

  it('when the situations carry more fields, the same object comes back', () => {
    const dto = { ...situation('x', 'SCOLARITE', 'EN_COURS'), dateFin: null, intitule: 'Lycée', romeCode: null };
    expect(situationCourante([dto])?.intitule).toBe('Lycée');
  });
});
