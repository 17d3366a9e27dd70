import { QueryTypes, type Sequelize } from 'sequelize';
import { findDuplicateCandidates } from '../../src/features/dossiers/jeune-duplicates.repository';
import { aJeune, type JeuneOverrides, aMissionLocale } from '../support/builders';
import { testDatabase } from '../support/global-setup';

// The check is national and every spec's jeunes share the run's database: each case has a birth date of its own,
// far from the jeunes' ages the other specs use.

const sequelize = (): Sequelize => testDatabase().db.sequelize;

/** The ids the check finds for these names and birth date, best first. */
const idsFound = async (params: Parameters<typeof findDuplicateCandidates>[1]) =>
  (await findDuplicateCandidates(sequelize(), params)).map((row) => row.id);

const aJeuneIn = async (ml: { id: string }, overrides: JeuneOverrides) => (await aJeune(sequelize(), ml, overrides)).id;

describe('duplicate candidates (findDuplicateCandidates)', () => {
  it('when the same jeune is registered in two Missions Locales, each registration is found with its Mission Locale', async () => {
    const garonne = await aMissionLocale(sequelize());
    const reunion = await aMissionLocale(sequelize(), { timezone: 'Indian/Reunion' });
    const mine = await aJeuneIn(garonne, { nomNaissance: 'LEFÈVRE', prenoms: 'Élodie', dateNaissance: '1971-03-14' });
    const elsewhere = await aJeuneIn(reunion, { nomNaissance: 'LEFEVRE', prenoms: 'ELODIE', dateNaissance: '1971-03-14' });

    const found = await findDuplicateCandidates(sequelize(), {
      dateNaissance: '1971-03-14',
      nomNaissance: 'Lefèvre',
      nomUsage: null,
      prenoms: 'Élodie',
    });

    expect(found.map((row) => [row.id, row.missionLocaleId]).sort()).toEqual(
      [
        [mine, garonne.id],
        [elsewhere, reunion.id],
      ].sort(),
    );
    expect(found.find((row) => row.id === elsewhere)).toEqual({
      id: elsewhere,
      missionLocaleId: reunion.id,
      nomNaissance: 'LEFEVRE',
      nomUsage: null,
      prenoms: 'ELODIE',
      dateNaissance: '1971-03-14',
      similarity: 1,
    });
  });

  it('when the dossier being edited is named, it is left out and the other registration stays', async () => {
    const [first, second] = [await aMissionLocale(sequelize()), await aMissionLocale(sequelize())];
    const edited = await aJeuneIn(first, { nomNaissance: 'GRONDIN', prenoms: 'Océane', dateNaissance: '1972-05-02' });
    const other = await aJeuneIn(second, { nomNaissance: 'GRONDIN', prenoms: 'Océane', dateNaissance: '1972-05-02' });

    expect(
      await idsFound({ dateNaissance: '1972-05-02', nomNaissance: 'GRONDIN', nomUsage: null, prenoms: 'Océane', excludeId: edited }),
    ).toEqual([other]);
  });

  it('when typed without accents and with a slip, the dossier is found after the exact one, and a twin of another first name is not', async () => {
    const ml = await aMissionLocale(sequelize());
    const slipped = await aJeuneIn(ml, { nomNaissance: 'LEFÈBVRE', prenoms: 'Élodie', dateNaissance: '1973-11-23' });
    const exact = await aJeuneIn(ml, { nomNaissance: 'LEFÈVRE', prenoms: 'Élodie', dateNaissance: '1973-11-23' });
    await aJeuneIn(ml, { nomNaissance: 'LEFÈVRE', prenoms: 'Lucas', sexe: 'M', dateNaissance: '1973-11-23' });

    expect(await idsFound({ dateNaissance: '1973-11-23', nomNaissance: 'LEFEVRE', nomUsage: null, prenoms: 'ELODIE' })).toEqual([
      exact,
      slipped,
    ]);
    expect(await idsFound({ dateNaissance: '1973-11-23', nomNaissance: 'lefebre', nomUsage: null, prenoms: 'elodie' })).toEqual(
      jasmine.arrayWithExactContents([exact, slipped]),
    );
  });

  it('when the birth date differs by a day, the namesake is not a candidate', async () => {
    const ml = await aMissionLocale(sequelize());
    await aJeuneIn(ml, { nomNaissance: 'PAYET', prenoms: 'Anaïs', dateNaissance: '1974-06-15' });

    expect(await idsFound({ dateNaissance: '1974-06-16', nomNaissance: 'PAYET', nomUsage: null, prenoms: 'Anaïs' })).toEqual([]);
  });

  it('when the dossier has been anonymised, it is nobody’s duplicate', async () => {
    const ml = await aMissionLocale(sequelize());
    const id = await aJeuneIn(ml, { nomNaissance: 'TECHER', prenoms: 'Maëlys', dateNaissance: '1975-01-09' });
    await sequelize().query(`UPDATE jeune SET statut_dossier = 'anonymise' WHERE id = :id`, { replacements: { id }, type: QueryTypes.UPDATE });

    expect(await idsFound({ dateNaissance: '1975-01-09', nomNaissance: 'TECHER', nomUsage: null, prenoms: 'Maëlys' })).toEqual([]);
  });

  it('when birth and usage names are swapped, first names are in another order or missing, or surname and first name were typed in each other’s field, the dossier is found', async () => {
    const ml = await aMissionLocale(sequelize());
    const id = await aJeuneIn(ml, { nomNaissance: 'HOARAU', nomUsage: 'PAYET', prenoms: 'Anaïs Marie Josée', dateNaissance: '1976-08-30' });
    const born = { dateNaissance: '1976-08-30' };

    expect(await idsFound({ ...born, nomNaissance: 'PAYET', nomUsage: 'HOARAU', prenoms: 'Anaïs Marie Josée' })).withContext('swapped names').toEqual([id]);
    expect(await idsFound({ ...born, nomNaissance: 'HOARAU', nomUsage: 'PAYET', prenoms: 'Marie Anaïs' })).withContext('first names').toEqual([id]);
    expect(await idsFound({ ...born, nomNaissance: 'HOARAU', nomUsage: null, prenoms: 'ANAIS' })).withContext('fewer names').toEqual([id]);
    expect(await idsFound({ ...born, nomNaissance: 'Anaïs', nomUsage: null, prenoms: 'Hoarau' })).withContext('fields swapped').toEqual([id]);
  });
});
