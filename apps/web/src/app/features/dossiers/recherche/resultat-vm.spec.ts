import type { JeuneResultatDto } from '@imilo/domain';
import { resultAnnouncement, resultCountText, toResultatVm } from './resultat-vm';

const unResultat = (overrides: Partial<JeuneResultatDto> = {}): JeuneResultatDto => ({
  id: 'b3c1a6f0-1d2e-4f3a-8b4c-5d6e7f8a9b0c',
  matricule: 'ML-2026-000123',
  nomUsage: null,
  nomNaissance: 'DUPONT',
  prenoms: 'Karim',
  sexe: 'M',
  dateNaissance: '2006-12-07',
  age: 19,
  commune: { insee: '69123', nom: null },
  referent: null,
  statutDossier: 'archive',
  situationCourante: null,
  completude: 'justifie',
  dernierContactLe: null,
  ...overrides,
});

describe('toResultatVm', () => {
  it('when the commune has no current name and nobody follows the jeune, says so plainly', () => {
    const vm = toResultatVm(unResultat(), 'karim');

    expect(vm.commune).toBe('69123');
    expect(vm.referent).toBe('Sans référent');
    expect(vm.situation).toBe('Aucune situation en cours');
    expect(vm.archive).toBeTrue();
    expect(vm.nomComplet).toBe('DUPONT Karim');
  });

  it('when the usage name differs, shows it first and the birth name after "né"', () => {
    const vm = toResultatVm(unResultat({ nomUsage: 'MARTIN' }), '');

    expect(vm.nom).toEqual([{ text: 'MARTIN', match: false }]);
    expect(vm.nomComplet).toBe('MARTIN (né DUPONT) Karim');
  });

  it('when the BFF still serves the older answer, leaves the situation and the badge out', () => {
    const { situationCourante: _s, completude: _c, dernierContactLe: _d, ...older } = unResultat();

    const vm = toResultatVm(older, '');

    expect(vm.situation).toBe('');
    expect(vm.completude).toBeNull();
  });
});

describe('result count', () => {
  it('when the total is counted, says it with French digit grouping', () => {
    expect(resultCountText({ items: [], hasMore: true, total: 1280 })).toBe('1\u202f280 dossiers');
  });

  it('when the total is not counted and more pages exist, says "Plus de"', () => {
    const items = [unResultat(), unResultat()];

    expect(resultCountText({ items, hasMore: true, total: null })).toBe('Plus de 2 dossiers');
    expect(resultAnnouncement({ items, hasMore: false, total: null })).toBe('2 dossiers trouvés.');
  });
});
