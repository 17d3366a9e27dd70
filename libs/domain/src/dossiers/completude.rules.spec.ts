import { computeCompletude, EXIGENCES_COMPLETUDE, resumeCompletude, type CompletudeInput } from './completude.rules';
import type { StatutPiece, TypePiece } from './dossier.enums';

const TODAY = '2026-06-15';

// A French adult's dossier with every field of « complet » and no pièce: the specs change one thing at a time.
const complet = (): CompletudeInput => ({
  identite: {
    nomNaissance: 'LEFEVRE',
    prenoms: 'Élodie',
    sexe: 'F',
    dateNaissance: '2005-03-14',
    neEtranger: false,
    communeNaissanceInsee: '31555',
    paysNaissance: null,
    nationalite: 'FRANCAISE',
    titreSejourExpireLe: null,
    nirMasque: null,
  },
  coordonnees: { telephone: '0612345678', email: null, adresse: { communeInsee: '31555' } },
  famille: { situationFamiliale: 'CELIBATAIRE', enfantsACharge: 0, modeGarde: null, representantsLegaux: [] },
  cursus: { niveauFormation: '4' },
  ressources: { liste: [] },
  logement: { situation: 'PARENTS', difficulte: null },
  sante: { rqth: false, rqthFin: null },
  franceTravail: { inscrit: false, identifiant: null, dateInscription: null },
  pieces: [],
});

const validee = (type: TypePiece, statut: StatutPiece = 'VALIDEE') => ({ type, statut });

const justifie = (): CompletudeInput => ({ ...complet(), pieces: [validee('IDENTITE'), validee('DOMICILE')] });

// Only what a creation holds: the identity minimum.
const partiel = (): CompletudeInput => ({
  identite: { ...complet().identite, communeNaissanceInsee: null, nationalite: null },
  coordonnees: { telephone: null, email: null, adresse: null },
  famille: { situationFamiliale: null, enfantsACharge: null, modeGarde: null, representantsLegaux: [] },
  cursus: { niveauFormation: null },
  ressources: { liste: null },
  logement: { situation: null, difficulte: null },
  sante: { rqth: null, rqthFin: null },
  franceTravail: { inscrit: null, identifiant: null, dateInscription: null },
  pieces: [],
});

const codes = (input: CompletudeInput, today = TODAY): string[] => computeCompletude(input, today).manquants.map((m) => m.code);

const representant = { nom: 'LEFEVRE', prenom: 'Anne', lien: 'Mère', telephone: '0612345679', email: null };

describe('computeCompletude', () => {
  describe('levels', () => {
    it('when only the identity minimum is there, the dossier is « partiel » and lists every field of « complet »', () => {
      const completude = computeCompletude(partiel(), TODAY);
      expect(completude.niveau).toBe('partiel');
      expect(completude.prochainNiveau).toBe('complet');
      expect(completude.manquants.map((m) => m.code)).toEqual([
        'identite.communeNaissanceInsee',
        'identite.nationalite',
        'coordonnees.adresse',
        'coordonnees.telephone',
        'famille.situationFamiliale',
        'famille.enfantsACharge',
        'cursus.niveauFormation',
        'logement.situation',
        'ressources.liste',
        'sante.rqth',
        'franceTravail.inscrit',
      ]);
      expect(completude.manquants.every((m) => m.type === 'champ')).toBeTrue();
      expect(completude.resume).toBe('11 champs manquants pour « complet »');
    });

    it('when every field is filled in but no pièce is validated, the dossier is « complet » and lists the pièces', () => {
      const completude = computeCompletude(complet(), TODAY);
      expect(completude.niveau).toBe('complet');
      expect(completude.prochainNiveau).toBe('justifie');
      expect(completude.manquants).toEqual([
        { type: 'piece', section: 'identite', code: 'IDENTITE', libelle: "Pièce d'identité" },
        { type: 'piece', section: 'coordonnees', code: 'DOMICILE', libelle: 'Justificatif de domicile' },
      ]);
      expect(completude.resume).toBe('2 pièces manquantes pour « justifié »');
    });

    it('when the identity and address are proven, the dossier is « justifié », with nothing next and an empty summary', () => {
      expect(computeCompletude(justifie(), TODAY)).toEqual({ niveau: 'justifie', prochainNiveau: null, manquants: [], resume: '' });
    });

    it('when pièces are validated but a field is missing, the dossier is « partiel » and lists only the field', () => {
      const input = { ...justifie(), logement: { situation: null, difficulte: null } };
      const completude = computeCompletude(input, TODAY);
      expect(completude.niveau).toBe('partiel');
      expect(completude.manquants).toEqual([
        { type: 'champ', section: 'logement', code: 'logement.situation', libelle: 'Situation de logement' },
      ]);
      expect(completude.resume).toBe('1 champ manquant pour « complet »');
    });

    it('when a field and a pièce are both missing, only the field of « complet » is listed', () => {
      const input = { ...complet(), cursus: { niveauFormation: null } };
      expect(codes(input)).toEqual(['cursus.niveauFormation']);
    });

    it('when a legacy dossier lacks part of the identity minimum, it stays « partiel » and lists it with the fields of « complet »', () => {
      const input = { ...complet(), identite: { ...complet().identite, prenoms: ' ' } };
      const completude = computeCompletude(input, TODAY);
      expect(completude.niveau).toBe('partiel');
      expect(completude.prochainNiveau).toBe('complet');
      expect(completude.manquants.map((m) => m.code)).toEqual(['identite.prenoms']);
    });

    it('when the NIR is unknown, the dossier is still « justifié »: the NIR is never required', () => {
      expect(justifie().identite.nirMasque).toBeNull();
      expect(computeCompletude(justifie(), TODAY).niveau).toBe('justifie');
    });
  });

  describe('fields of « complet »', () => {
    // [what is missing, the code listed, how to remove it]
    const sansUnChamp: readonly [string, string, (input: CompletudeInput) => CompletudeInput][] = [
      ['the nationality', 'identite.nationalite', (i) => ({ ...i, identite: { ...i.identite, nationalite: null } })],
      ['the address', 'coordonnees.adresse', (i) => ({ ...i, coordonnees: { ...i.coordonnees, adresse: null } })],
      ['the commune of the address', 'coordonnees.adresse', (i) => ({ ...i, coordonnees: { ...i.coordonnees, adresse: { communeInsee: '' } } })],
      ['the family situation', 'famille.situationFamiliale', (i) => ({ ...i, famille: { ...i.famille, situationFamiliale: null } })],
      ['the number of children', 'famille.enfantsACharge', (i) => ({ ...i, famille: { ...i.famille, enfantsACharge: null } })],
      ['the niveau de formation', 'cursus.niveauFormation', (i) => ({ ...i, cursus: { niveauFormation: null } })],
      ['the housing situation', 'logement.situation', (i) => ({ ...i, logement: { ...i.logement, situation: null } })],
      ['the resources question', 'ressources.liste', (i) => ({ ...i, ressources: { liste: null } })],
      ['the RQTH question', 'sante.rqth', (i) => ({ ...i, sante: { ...i.sante, rqth: null } })],
      ['the France Travail question', 'franceTravail.inscrit', (i) => ({ ...i, franceTravail: { ...i.franceTravail, inscrit: null } })],
    ];
    for (const [quoi, code, retire] of sansUnChamp) {
      it(`when ${quoi} is missing, ${code} is the one field missing for « complet »`, () => {
        const completude = computeCompletude(retire(justifie()), TODAY);
        expect(completude.niveau).toBe('partiel');
        expect(completude.manquants.map((m) => m.code)).toEqual([code]);
        expect(completude.resume).toBe('1 champ manquant pour « complet »');
      });
    }

    it('when born in France without a commune, the commune is missing; born abroad, the country is asked instead', () => {
      const enFrance = { ...complet(), identite: { ...complet().identite, communeNaissanceInsee: null } };
      expect(codes(enFrance)).toEqual(['identite.communeNaissanceInsee']);
      const aLEtranger = { ...complet(), identite: { ...complet().identite, neEtranger: true, communeNaissanceInsee: null } };
      expect(codes(aLEtranger)).toEqual(['identite.paysNaissance']);
      const avecPays = { ...aLEtranger, identite: { ...aLEtranger.identite, paysNaissance: 'Maroc' } };
      expect(computeCompletude(avecPays, TODAY).niveau).toBe('complet');
    });

    it('when there is neither phone nor e-mail, one item says either; one of them is enough', () => {
      const sansContact = { ...complet(), coordonnees: { ...complet().coordonnees, telephone: null } };
      expect(computeCompletude(sansContact, TODAY).manquants).toEqual([
        { type: 'champ', section: 'coordonnees', code: 'coordonnees.telephone', libelle: 'Téléphone ou e-mail' },
      ]);
      const parEmail = { ...sansContact, coordonnees: { ...sansContact.coordonnees, email: 'elodie@exemple.fr' } };
      expect(computeCompletude(parEmail, TODAY).niveau).toBe('complet');
    });

    it('when the jeune has 0 child or no resource, the answer counts as known', () => {
      const input = complet();
      expect(input.famille.enfantsACharge).toBe(0);
      expect(input.ressources.liste).toEqual([]);
      expect(computeCompletude(input, TODAY).niveau).toBe('complet');
    });
  });

  describe('minor jeune', () => {
    const mineur = (dateNaissance: string): CompletudeInput => ({ ...complet(), identite: { ...complet().identite, dateNaissance } });

    it('when the jeune is 17 (18th birthday tomorrow), a legal representative is required', () => {
      expect(codes(mineur('2008-06-16'))).toEqual(['famille.representantsLegaux']);
    });

    it('when the jeune turns 18 today, no representative is required any more', () => {
      expect(computeCompletude(mineur('2008-06-15'), TODAY).niveau).toBe('complet');
    });

    it('when a minor has a representative recorded, the dossier is « complet »', () => {
      const input = { ...mineur('2008-06-16'), famille: { ...complet().famille, representantsLegaux: [representant] } };
      expect(computeCompletude(input, TODAY).niveau).toBe('complet');
    });

    it('when the birth date is not a valid date, it is the missing item and the age is not guessed', () => {
      expect(codes(mineur(''))).toEqual(['identite.dateNaissance']);
    });
  });

  describe('non-EU national', () => {
    const horsUe = (titreSejourExpireLe: string | null): CompletudeInput => ({
      ...complet(),
      identite: { ...complet().identite, nationalite: 'HORS_UE', titreSejourExpireLe },
    });

    it('when the titre de séjour expiry is unknown, it is missing for « complet »', () => {
      expect(codes(horsUe(null))).toEqual(['identite.titreSejourExpireLe']);
    });

    it('when an EU national has no titre de séjour date, nothing is missing', () => {
      const input = { ...complet(), identite: { ...complet().identite, nationalite: 'UE' as const } };
      expect(computeCompletude(input, TODAY).niveau).toBe('complet');
    });

    it('when the expiry is known, « justifié » asks for the titre de séjour as well as the identity and address', () => {
      expect(codes(horsUe('2027-01-31'))).toEqual(['IDENTITE', 'DOMICILE', 'TITRE_SEJOUR']);
    });

    it('when a validated titre de séjour and a proof of address are there, the titre proves the identity too', () => {
      const input = { ...horsUe('2027-01-31'), pieces: [validee('TITRE_SEJOUR'), validee('DOMICILE')] };
      expect(computeCompletude(input, TODAY).niveau).toBe('justifie');
    });

    it('when only an identity card is validated, the titre de séjour is still missing', () => {
      const input = { ...horsUe('2027-01-31'), pieces: [validee('IDENTITE'), validee('DOMICILE')] };
      expect(computeCompletude(input, TODAY).resume).toBe('1 pièce manquante pour « justifié »');
      expect(codes(input)).toEqual(['TITRE_SEJOUR']);
    });

    it('when a French national has a validated titre de séjour only, it does not stand for a pièce d’identité', () => {
      const input = { ...complet(), pieces: [validee('TITRE_SEJOUR'), validee('DOMICILE')] };
      expect(computeCompletude(input, TODAY).niveau).toBe('complet');
      expect(codes(input)).toEqual(['IDENTITE']);
    });
  });

  describe('pièces of « justifié »', () => {
    it('when the RQTH is declared, its notification is required; not declared, it is not', () => {
      const declaree = { ...justifie(), sante: { rqth: true, rqthFin: null } };
      expect(codes(declaree)).toEqual(['RQTH']);
      expect(computeCompletude({ ...declaree, pieces: [...declaree.pieces, validee('RQTH')] }, TODAY).niveau).toBe('justifie');
      expect(computeCompletude(justifie(), TODAY).niveau).toBe('justifie');
    });

    it('when resources are declared, a proof is required; with none declared, none is', () => {
      const declarees = { ...justifie(), ressources: { liste: [{ type: 'RSA' as const, dateDebut: null, dateFin: null, numeroAllocataire: null }] } };
      expect(codes(declarees)).toEqual(['RESSOURCES']);
      expect(computeCompletude({ ...declarees, pieces: [...declarees.pieces, validee('RESSOURCES')] }, TODAY).niveau).toBe('justifie');
    });

    it('when a pièce waits for validation or was refused, it does not count', () => {
      for (const statut of ['A_VALIDER', 'REFUSEE'] as const) {
        const input = { ...complet(), pieces: [validee('IDENTITE', statut), validee('DOMICILE')] };
        expect(computeCompletude(input, TODAY).niveau).withContext(statut).toBe('complet');
        expect(codes(input)).withContext(statut).toEqual(['IDENTITE']);
      }
    });

    it('when a refused pièce was replaced by a validated one of the same kind, the validated one counts', () => {
      const input = { ...complet(), pieces: [validee('DOMICILE', 'REFUSEE'), validee('IDENTITE'), validee('DOMICILE')] };
      expect(computeCompletude(input, TODAY).niveau).toBe('justifie');
    });

    it('when every conditional pièce is due and missing, they are listed in order with their sections', () => {
      const input: CompletudeInput = {
        ...complet(),
        identite: { ...complet().identite, nationalite: 'HORS_UE', titreSejourExpireLe: '2027-01-31' },
        ressources: { liste: [{ type: 'ARE', dateDebut: null, dateFin: null, numeroAllocataire: null }] },
        sante: { rqth: true, rqthFin: null },
        pieces: [validee('DIPLOME'), validee('AUTRE')],
      };
      expect(computeCompletude(input, TODAY).manquants.map((m) => [m.section, m.code])).toEqual([
        ['identite', 'IDENTITE'],
        ['coordonnees', 'DOMICILE'],
        ['identite', 'TITRE_SEJOUR'],
        ['sante', 'RQTH'],
        ['ressources', 'RESSOURCES'],
      ]);
      expect(computeCompletude(input, TODAY).resume).toBe('5 pièces manquantes pour « justifié »');
    });
  });

  it('when the requirements are read as data, each level has a unique code per item and a French label', () => {
    const toutes = Object.values(EXIGENCES_COMPLETUDE).flat();
    expect(new Set(toutes.map((e) => `${e.type}:${e.code}`)).size).toBe(toutes.length);
    expect(toutes.every((e) => e.libelle.length > 0)).toBeTrue();
  });
});

describe('resumeCompletude', () => {
  it('when fields and pièces are both missing, both counts are given and agree in the masculine plural', () => {
    expect(resumeCompletude([{ type: 'champ' }, { type: 'champ' }, { type: 'piece' }], 'justifie')).toBe(
      '2 champs et 1 pièce manquants pour « justifié »',
    );
    expect(resumeCompletude([{ type: 'champ' }, { type: 'piece' }, { type: 'piece' }], 'justifie')).toBe(
      '1 champ et 2 pièces manquants pour « justifié »',
    );
  });

  it('when one field or one pièce is missing, the words are singular', () => {
    expect(resumeCompletude([{ type: 'champ' }], 'complet')).toBe('1 champ manquant pour « complet »');
    expect(resumeCompletude([{ type: 'piece' }], 'justifie')).toBe('1 pièce manquante pour « justifié »');
  });

  it('when there is no next level or nothing missing, the summary is empty', () => {
    expect(resumeCompletude([], null)).toBe('');
    expect(resumeCompletude([], 'complet')).toBe('');
  });
});
