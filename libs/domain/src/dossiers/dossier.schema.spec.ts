import fc from 'fast-check';
import type * as z from 'zod';
import { SECTIONS_DOSSIER } from './dossier.enums';
import {
  dossierPatchSchema,
  identiteCreationSchema,
  pieceDecisionSchema,
  situationSchema,
  telephoneSchema,
} from './dossier.schema';

const issues = (result: z.ZodSafeParseResult<unknown>): { path: string; message: string }[] =>
  result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

const identite = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  nomNaissance: 'Lefèvre',
  prenoms: ' Élodie  Anne ',
  sexe: 'F',
  dateNaissance: '2005-03-14',
  neEtranger: false,
  communeNaissanceInsee: '31555',
  ...overrides,
});

describe('identiteCreationSchema', () => {
  it('when born in France with a commune, the identity is accepted in the charte’s form, missing optional fields null', () => {
    expect(identiteCreationSchema.parse(identite())).toEqual({
      nomNaissance: 'LEFEVRE',
      nomUsage: null,
      prenoms: 'Élodie Anne',
      sexe: 'F',
      dateNaissance: '2005-03-14',
      neEtranger: false,
      communeNaissanceInsee: '31555',
      paysNaissance: null,
    });
  });

  it('when born in Corsica, the commune code is put in capitals', () => {
    expect(identiteCreationSchema.parse(identite({ communeNaissanceInsee: '2a004' })).communeNaissanceInsee).toBe('2A004');
  });

  it('when born abroad without a country, the country is asked for', () => {
    expect(issues(identiteCreationSchema.safeParse(identite({ neEtranger: true, communeNaissanceInsee: null })))).toEqual([
      { path: 'paysNaissance', message: 'Né(e) à l’étranger : indiquez le pays de naissance.' },
    ]);
  });

  it('when born abroad with a French commune, the commune is refused', () => {
    expect(issues(identiteCreationSchema.safeParse(identite({ neEtranger: true, paysNaissance: 'Maroc' })))).toEqual([
      { path: 'communeNaissanceInsee', message: 'Né(e) à l’étranger : pas de commune française.' },
    ]);
  });

  it('when born abroad with a country only, the identity is accepted', () => {
    expect(identiteCreationSchema.safeParse(identite({ neEtranger: true, communeNaissanceInsee: null, paysNaissance: 'Maroc' })).success).toBeTrue();
  });

  it('when born in France with a country, the country is refused', () => {
    expect(issues(identiteCreationSchema.safeParse(identite({ paysNaissance: 'France' })))).toEqual([
      { path: 'paysNaissance', message: 'Né(e) en France : la commune suffit, pas de pays.' },
    ]);
  });

  it('when the commune code is not 5 characters, it says so', () => {
    expect(issues(identiteCreationSchema.safeParse(identite({ communeNaissanceInsee: '3155' })))).toEqual([
      { path: 'communeNaissanceInsee', message: 'Le code commune INSEE compte 5 caractères (ex. 31555).' },
    ]);
  });

  it('when the name holds a digit or a field is unknown, it is refused', () => {
    expect(issues(identiteCreationSchema.safeParse(identite({ nomNaissance: 'LEFEVRE2' })))[0]?.path).toBe('nomNaissance');
    expect(identiteCreationSchema.safeParse(identite({ nir: '293077511602315' })).success).toBeFalse();
  });
});

describe('telephoneSchema', () => {
  it('when a French number is typed with spaces, dots or an international prefix, it is kept in its national form', () => {
    expect(telephoneSchema.parse('06 12 34 56 78')).toBe('0612345678');
    expect(telephoneSchema.parse('06.12.34.56.78')).toBe('0612345678');
    expect(telephoneSchema.parse('+33 6 12 34 56 78')).toBe('0612345678');
    expect(telephoneSchema.parse('0033 6 12 34 56 78')).toBe('0612345678');
    expect(telephoneSchema.parse('+33 (0)6 12 34 56 78')).toBe('0612345678');
  });

  it('when a number of La Réunion is typed with +262, it is kept as 0 and nine digits', () => {
    expect(telephoneSchema.parse('+262 692 12 34 56')).toBe('0692123456');
  });

  it('when the number has too few digits or letters, it says how many digits', () => {
    for (const value of ['06 12 34', '+44 20 7946 0958', '06 12 34 56 7A']) {
      expect(issues(telephoneSchema.safeParse(value))).withContext(value).toEqual([
        { path: '', message: 'Le téléphone compte 10 chiffres (ex. 06 12 34 56 78).' },
      ]);
    }
  });
});

describe('situationSchema', () => {
  const situation = (overrides: Record<string, unknown> = {}) => ({
    categorie: 'FORMATION',
    etat: 'EN_COURS',
    dateDebut: '2026-01-05',
    dateFin: null,
    ...overrides,
  });

  it('when a situation is EN_COURS without an end, it is accepted, title and ROME code null', () => {
    expect(situationSchema.parse(situation())).toEqual({ ...situation(), intitule: null, romeCode: null } as never);
  });

  it('when the end precedes the start, it is refused on the end', () => {
    expect(issues(situationSchema.safeParse(situation({ dateFin: '2026-01-04' })))).toEqual([
      { path: 'dateFin', message: 'La fin ne peut précéder le début.' },
    ]);
  });

  it('when it ends the day it starts, it is accepted', () => {
    expect(situationSchema.safeParse(situation({ etat: 'TERMINE', dateFin: '2026-01-05' })).success).toBeTrue();
  });

  it('when a TERMINE situation has no end, the end is asked for', () => {
    expect(issues(situationSchema.safeParse(situation({ etat: 'TERMINE' })))).toEqual([
      { path: 'dateFin', message: 'Une situation terminée a une date de fin.' },
    ]);
  });

  it('when a date is not AAAA-MM-JJ or does not exist, it says the format', () => {
    expect(issues(situationSchema.safeParse(situation({ dateDebut: '05/01/2026' })))).toEqual([
      { path: 'dateDebut', message: 'Le début : une date au format AAAA-MM-JJ.' },
    ]);
    expect(situationSchema.safeParse(situation({ dateDebut: '2026-02-30' })).success).toBeFalse();
  });
});

describe('dossierPatchSchema', () => {
  it('when a patch names no section, it is refused', () => {
    expect(issues(dossierPatchSchema.safeParse({ version: 3 }))).toEqual([{ path: '', message: 'Aucune section à enregistrer.' }]);
  });

  it('when a patch holds an unknown key, it is refused', () => {
    const result = dossierPatchSchema.safeParse({ version: 3, logement: { situation: 'PARENTS', difficulte: null }, statutDossier: 'ARCHIVE' });
    expect(result.success).toBeFalse();
    expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
  });

  it('when a section holds an unknown key, it is refused', () => {
    expect(dossierPatchSchema.safeParse({ version: 3, logement: { situation: 'PARENTS', difficulte: null, loyer: 400 } }).success).toBeFalse();
  });

  it('when the version read is missing, it is asked for', () => {
    expect(issues(dossierPatchSchema.safeParse({ logement: { situation: 'PARENTS', difficulte: null } }))[0]).toEqual({
      path: 'version',
      message: 'La version du dossier lue est requise.',
    });
  });

  it('when a patch names one valid section, it is accepted', () => {
    expect(dossierPatchSchema.parse({ version: 3, sante: { rqth: true, rqthFin: null } })).toEqual({
      version: 3,
      sante: { rqth: true, rqthFin: null },
    });
  });

  it('whatever JSON object is sent, parsing answers with issues and never throws', () => {
    const section = fc.constantFrom(...SECTIONS_DOSSIER, 'version', 'identite.nir');
    const body = fc.oneof(
      fc.jsonValue(),
      fc.object(),
      // Reach into the sections: known keys holding any JSON, a version or not.
      fc.dictionary(section, fc.oneof(fc.jsonValue(), fc.dictionary(fc.string(), fc.jsonValue()))),
    );
    fc.assert(
      fc.property(body, (value) => {
        const result = dossierPatchSchema.safeParse(value);
        return typeof result.success === 'boolean';
      }),
      { numRuns: 500 },
    );
  });
});

describe('pieceDecisionSchema', () => {
  it('when a pièce is validated, no motif is needed', () => {
    expect(pieceDecisionSchema.parse({ decision: 'VALIDEE' })).toEqual({ decision: 'VALIDEE', motif: null });
  });

  it('when a pièce is refused without a motif, the motif is asked for', () => {
    expect(issues(pieceDecisionSchema.safeParse({ decision: 'REFUSEE' }))).toEqual([{ path: 'motif', message: 'Un refus indique son motif.' }]);
    expect(issues(pieceDecisionSchema.safeParse({ decision: 'REFUSEE', motif: '   ' }))).toEqual([
      { path: 'motif', message: 'Le motif du refus : à renseigner.' },
    ]);
  });

  it('when a pièce is refused with a motif, it is accepted, trimmed', () => {
    expect(pieceDecisionSchema.parse({ decision: 'REFUSEE', motif: ' Document illisible ' })).toEqual({
      decision: 'REFUSEE',
      motif: 'Document illisible',
    });
  });
});
