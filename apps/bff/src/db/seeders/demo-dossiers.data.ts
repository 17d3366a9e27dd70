import { createHash } from 'node:crypto';
import type { Faker } from '@faker-js/faker';
import {
  CATEGORIES_SITUATION,
  nirKey,
  type CategorieSituation,
  type CursusInput,
  type EtatSituation,
  type FamilleInput,
  type NiveauFormation,
  type RessourcesInput,
  SITUATIONS_FAMILIALES,
  SITUATIONS_LOGEMENT,
  type StatutPiece,
  type TypePiece,
} from '@imilo/domain';

/**
 * The walkthrough's jeune (README, browser journey): Élodie LEFEVRE of Mission Locale Garonne, followed by
 * demo.conseiller. Her first name is outside the generation's curated list on purpose: typed "elodie", it must be found.
 */
export const DEMO_WALKTHROUGH_JEUNE = { key: 'jeune:garonne:2', nomNaissance: 'LEFEVRE', prenoms: 'Élodie' } as const;

/**
 * How far each demo dossier got, so that search, completeness and pièces have something to show in every state:
 * a few barely started, most complete with pièces waiting, a quarter justified.
 */
export const DEMO_STADES = ['accueil', 'partiel', 'complet', 'complet-pieces', 'justifie'] as const;
/** One stage. */
export type DemoStade = (typeof DEMO_STADES)[number];
const STADE_WEIGHTS: Readonly<Record<DemoStade, number>> = { accueil: 10, partiel: 15, complet: 25, 'complet-pieces': 25, justifie: 25 };

/** The sections of a demo dossier, as the `jeune` columns hold them. */
export interface DemoSections {
  readonly stade: DemoStade;
  readonly ne_etranger: boolean;
  readonly commune_naissance_insee: string | null;
  readonly pays_naissance: string | null;
  readonly nationalite: 'FRANCAISE' | 'UE' | 'HORS_UE' | null;
  readonly titre_sejour_expire_le: string | null;
  readonly consentement_sms: boolean;
  readonly consentement_email: boolean;
  readonly consentement_push: boolean;
  readonly situation_familiale: FamilleInput['situationFamiliale'];
  readonly enfants_a_charge: number | null;
  readonly representants_legaux: FamilleInput['representantsLegaux'];
  readonly niveau_formation: NiveauFormation | null;
  readonly derniere_classe: string | null;
  readonly diplomes: CursusInput['diplomes'];
  readonly experiences: CursusInput['experiences'];
  readonly langues: CursusInput['langues'];
  readonly ressources: RessourcesInput['liste'];
  readonly logement_situation: (typeof SITUATIONS_LOGEMENT)[number] | null;
  readonly permis: string[];
  readonly rqth: boolean | null;
  readonly ft_inscrit: boolean | null;
  readonly ft_identifiant: string | null;
  readonly date_premier_accueil: string;
  readonly dernier_contact_le: string;
}

/** A demo address (the jeune's current one). */
export interface DemoAdresse {
  readonly ligne1: string;
  readonly code_postal: string;
  readonly commune_insee: string;
  readonly qpv_code: string | null;
  readonly valid_from: string;
}

/** A demo situation. */
export interface DemoSituation {
  readonly categorie: CategorieSituation;
  readonly etat: EtatSituation;
  readonly date_debut: string;
  readonly date_fin: string | null;
  readonly intitule: string;
}

/** A demo pièce: its kind and the decision taken on it. */
export interface DemoPiece {
  readonly type: TypePiece;
  readonly statut: StatutPiece;
  readonly motif_refus: string | null;
}

const isoDay = (date: Date): string => date.toISOString().slice(0, 10);
const daysBefore = (on: Date, days: number): string => isoDay(new Date(on.getTime() - days * 86_400_000));

const DIPLOMES: readonly { intitule: string; niveau: NiveauFormation }[] = [
  { intitule: 'CAP Cuisine', niveau: '3' },
  { intitule: 'CAP Petite enfance', niveau: '3' },
  { intitule: 'Bac pro Commerce', niveau: '4' },
  { intitule: 'Bac général', niveau: '4' },
  { intitule: 'BTS Management commercial opérationnel', niveau: '5' },
  { intitule: 'Licence de psychologie', niveau: '6' },
];
const EXPERIENCES: readonly { intitule: string; romeCode: string }[] = [
  { intitule: 'Équipier de restauration rapide', romeCode: 'G1603' },
  { intitule: 'Employé de libre-service', romeCode: 'D1507' },
  { intitule: 'Aide-maçon', romeCode: 'F1703' },
  { intitule: 'Animateur périscolaire', romeCode: 'G1202' },
  { intitule: 'Préparateur de commandes', romeCode: 'N1103' },
];
const SITUATION_INTITULES: Readonly<Record<CategorieSituation, string>> = {
  EMPLOI: 'CDD vendeur',
  CONTRAT_ALTERNANCE: 'Apprentissage CAP boulanger',
  FORMATION: 'Formation préqualifiante numérique',
  IMMERSION: 'Immersion en boulangerie',
  PMSMP: 'PMSMP aide à domicile',
  VOLONTARIAT_BENEVOLAT: 'Service civique',
  SCOLARITE: 'Lycée professionnel',
  DEMANDEUR_EMPLOI: 'Recherche d’emploi',
};
const RUES = ['rue Sainte-Catherine', 'cours de la Marne', 'avenue Thiers', 'rue du Général-de-Gaulle', 'allée des Pins', 'chemin Piton'];
const PAYS = ['Maroc', 'Algérie', 'Sénégal', 'Comores', 'Portugal', 'Roumanie', 'Afghanistan', 'Côte d’Ivoire'];

/** The sections, address, situations and pièces of one demo dossier of a jeune `age` years old living in `commune`. */
export const aDemoDossier = (
  faker: Faker,
  context: { seededAt: Date; age: number; commune: { code: string; codePostal: string }; departement: string },
  stade: DemoStade = faker.helpers.weightedArrayElement(DEMO_STADES.map((value) => ({ value, weight: STADE_WEIGHTS[value] }))),
): { sections: DemoSections; adresse: DemoAdresse | null; situations: DemoSituation[]; pieces: DemoPiece[] } => {
  const { seededAt } = context;
  const filled = stade !== 'accueil' && stade !== 'partiel';
  const some = stade === 'partiel' || filled;
  const neEtranger = faker.datatype.boolean(0.12);
  const nationalite = !filled && !faker.datatype.boolean(0.5) ? null : neEtranger ? faker.helpers.arrayElement(['UE', 'HORS_UE'] as const) : 'FRANCAISE';
  const mineur = context.age < 18;
  const rqth = filled ? faker.datatype.boolean(0.06) : null;
  const ressources: RessourcesInput['liste'] = filled
    ? faker.datatype.boolean(0.25)
      ? [{ type: faker.helpers.arrayElement(['RSA', 'ARE', 'PRIME_ACTIVITE'] as const), dateDebut: daysBefore(seededAt, 200), dateFin: null, numeroAllocataire: faker.string.numeric(7) }]
      : []
    : null;
  const premierAccueil = daysBefore(seededAt, faker.number.int({ min: 5, max: Math.min(900, (context.age - 16) * 365 + 30) }));
  const diplome = faker.helpers.arrayElement(DIPLOMES);
  const sections: DemoSections = {
    stade,
    ne_etranger: neEtranger,
    commune_naissance_insee: filled && !neEtranger ? context.commune.code : null,
    pays_naissance: filled && neEtranger ? faker.helpers.arrayElement(PAYS) : null,
    nationalite,
    titre_sejour_expire_le: nationalite === 'HORS_UE' ? daysBefore(seededAt, -faker.number.int({ min: 10, max: 700 })) : null,
    consentement_sms: faker.datatype.boolean(0.8),
    consentement_email: faker.datatype.boolean(0.6),
    consentement_push: faker.datatype.boolean(0.4),
    situation_familiale: some ? faker.helpers.weightedArrayElement([{ value: SITUATIONS_FAMILIALES[0], weight: 8 }, { value: SITUATIONS_FAMILIALES[1], weight: 2 }]) : null,
    enfants_a_charge: some ? faker.helpers.weightedArrayElement([{ value: 0, weight: 9 }, { value: 1, weight: 1 }]) : null,
    representants_legaux:
      filled && mineur
        ? [{ nom: 'PARENT', prenom: faker.person.firstName(), lien: 'Mère', telephone: `06${faker.string.numeric(8)}`, email: null }]
        : [],
    niveau_formation: some ? diplome.niveau : null,
    derniere_classe: some ? 'Terminale' : null,
    diplomes: filled ? [{ intitule: diplome.intitule, niveau: diplome.niveau, dateObtention: null }] : [],
    experiences: filled && faker.datatype.boolean(0.6) ? [{ ...faker.helpers.arrayElement(EXPERIENCES), employeur: null, dateDebut: daysBefore(seededAt, 400), dateFin: daysBefore(seededAt, 300) }] : [],
    langues: filled ? [{ langue: 'Anglais', niveau: faker.helpers.arrayElement(['A2', 'B1'] as const) }] : [],
    ressources,
    logement_situation: filled ? faker.helpers.arrayElement(SITUATIONS_LOGEMENT) : null,
    permis: filled && context.age >= 18 && faker.datatype.boolean(0.35) ? ['B'] : [],
    rqth,
    ft_inscrit: filled ? faker.datatype.boolean(0.5) : null,
    ft_identifiant: null,
    date_premier_accueil: premierAccueil,
    dernier_contact_le: daysBefore(seededAt, faker.number.int({ min: 0, max: 200 })),
  };
  const adresse: DemoAdresse | null =
    stade === 'accueil'
      ? null
      : {
          ligne1: `${faker.number.int({ min: 1, max: 120 })} ${faker.helpers.arrayElement(RUES)}`,
          code_postal: context.commune.codePostal,
          commune_insee: context.commune.code,
          qpv_code: faker.datatype.boolean(0.15) ? `QN${context.departement.padStart(3, '0').slice(-3)}${faker.string.numeric(2)}M` : null,
          valid_from: premierAccueil,
        };
  const situations: DemoSituation[] = [];
  if (some) {
    const past = faker.helpers.arrayElement(CATEGORIES_SITUATION);
    situations.push({ categorie: past, etat: 'TERMINE', date_debut: daysBefore(seededAt, 400), date_fin: daysBefore(seededAt, 250), intitule: SITUATION_INTITULES[past] });
    if (faker.datatype.boolean(0.75)) {
      const current = faker.helpers.arrayElement(CATEGORIES_SITUATION);
      situations.push({ categorie: current, etat: 'EN_COURS', date_debut: daysBefore(seededAt, 120), date_fin: null, intitule: SITUATION_INTITULES[current] });
    }
    if (faker.datatype.boolean(0.2)) {
      situations.push({ categorie: 'FORMATION', etat: 'PREVU', date_debut: daysBefore(seededAt, -30), date_fin: daysBefore(seededAt, -120), intitule: SITUATION_INTITULES.FORMATION });
    }
  }
  const pieces: DemoPiece[] = [];
  const decided = (statut: StatutPiece, type: TypePiece): DemoPiece => ({
    type,
    statut,
    motif_refus: statut === 'REFUSEE' ? 'Document illisible : merci de le reprendre en photo en pleine lumière.' : null,
  });
  if (stade === 'complet-pieces') {
    pieces.push(decided('VALIDEE', 'IDENTITE'), decided(faker.helpers.arrayElement(['A_VALIDER', 'REFUSEE'] as const), 'DOMICILE'));
  }
  if (stade === 'justifie') {
    pieces.push(decided('VALIDEE', 'IDENTITE'), decided('VALIDEE', 'DOMICILE'));
    if (nationalite === 'HORS_UE') {
      pieces.push(decided('VALIDEE', 'TITRE_SEJOUR'));
    }
    if (rqth === true) {
      pieces.push(decided('VALIDEE', 'RQTH'));
    }
    if (ressources !== null && ressources.length > 0) {
      pieces.push(decided('VALIDEE', 'RESSOURCES'));
    }
  }
  if (stade === 'partiel' && faker.datatype.boolean(0.3)) {
    pieces.push(decided('A_VALIDER', 'IDENTITE'));
  }
  return { sections, adresse, situations, pieces };
};

/**
 * A NIR consistent with the jeune (sex, year and month of birth, birth commune) and a valid key, for 70 % of those
 * born in France whose birth commune is known: a dossier to reveal, another without one.
 */
export const demoNir = (
  faker: Faker,
  jeune: { sexe: 'F' | 'M'; dateNaissance: string; communeNaissanceInsee: string | null },
): string | null => {
  if (jeune.communeNaissanceInsee === null || !faker.datatype.boolean(0.7)) {
    return null;
  }
  const body = `${jeune.sexe === 'M' ? 1 : 2}${jeune.dateNaissance.slice(2, 4)}${jeune.dateNaissance.slice(5, 7)}${jeune.communeNaissanceInsee}${faker.string.numeric(3)}`;
  return `${body}${String(nirKey(body)).padStart(2, '0')}`;
};

/**
 * A small valid PDF (one page, one line of text) standing for a scanned pièce: real bytes, so that the download,
 * the type check and the viewer work on demo data. The xref offsets are computed, not typed.
 */
export const demoPdf = (titre: string): Buffer => {
  const text = titre.replace(/[^\x20-\x7E]/g, '?').replace(/[()\\]/g, '');
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
};

/** The sha256 of bytes, hex, as `piece_justificative.sha256` keeps it. */
export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
