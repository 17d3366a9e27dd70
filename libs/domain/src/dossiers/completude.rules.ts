import {
  NIVEAU_COMPLETUDE_LABELS,
  NIVEAUX_COMPLETUDE,
  TYPE_PIECE_LABELS,
  type NiveauCompletude,
  type SectionDossier,
  type StatutPiece,
  type TypePiece,
} from './dossier.enums';
import type {
  CompletudeDto,
  CursusInput,
  FamilleInput,
  FranceTravailInput,
  IdentiteDto,
  LogementInput,
  Manquant,
  RessourcesInput,
  SanteInput,
} from './dossier.schema';
import { ageOn, type LocalDate } from './jeune-search.rules';

/**
 * What completeness reads of a dossier: the BFF builds it from the stored sections, whoever may read them (the level
 * is the dossier's, not the caller's view of it). `nirMasque` is there because the BFF passes the identité whole; the
 * NIR is deliberately not required (many jeunes do not know it, docs/decisions/0004).
 */
export interface CompletudeInput {
  readonly identite: Pick<
    IdentiteDto,
    | 'nomNaissance'
    | 'prenoms'
    | 'sexe'
    | 'dateNaissance'
    | 'neEtranger'
    | 'communeNaissanceInsee'
    | 'paysNaissance'
    | 'nationalite'
    | 'titreSejourExpireLe'
    | 'nirMasque'
  >;
  readonly coordonnees: {
    readonly telephone: string | null;
    readonly email: string | null;
    readonly adresse: { communeInsee: string } | null;
  };
  readonly famille: FamilleInput;
  readonly cursus: Pick<CursusInput, 'niveauFormation'>;
  readonly ressources: RessourcesInput;
  readonly logement: LogementInput;
  readonly sante: SanteInput;
  readonly franceTravail: FranceTravailInput;
  readonly pieces: readonly { readonly type: TypePiece; readonly statut: StatutPiece }[];
}

/** The dossier as one requirement sees it, with the day that decides whether the jeune is a minor. */
export interface ContexteCompletude {
  readonly dossier: CompletudeInput;
  readonly today: LocalDate;
}

/**
 * One thing a level asks for. `applicable` says whether it concerns this jeune (a titre de séjour only for a national
 * of a country outside the EU…); `satisfaite` whether the dossier has it. The missing-item list and the summary
 * both come from here, so the screen and the rule cannot drift.
 */
export interface ExigenceCompletude {
  readonly type: Manquant['type'];
  readonly section: SectionDossier;
  /** Field path, or the pièce kind. */
  readonly code: string;
  readonly libelle: string;
  readonly applicable: (contexte: ContexteCompletude) => boolean;
  readonly satisfaite: (contexte: ContexteCompletude) => boolean;
}

const renseigne = (value: string | null | undefined): boolean => value !== null && value !== undefined && value.trim() !== '';

const toujours = (): boolean => true;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Without a valid birth date the age is unknown; the birth date itself is then the missing item, not a representative.
const mineur = ({ dossier, today }: ContexteCompletude): boolean =>
  ISO_DATE.test(dossier.identite.dateNaissance) && ageOn(dossier.identite.dateNaissance, today) < 18;

const horsUe = ({ dossier }: ContexteCompletude): boolean => dossier.identite.nationalite === 'HORS_UE';

const champ = (
  section: SectionDossier,
  code: string,
  libelle: string,
  satisfaite: (contexte: ContexteCompletude) => boolean,
  applicable: (contexte: ContexteCompletude) => boolean = toujours,
): ExigenceCompletude => ({ type: 'champ', section, code, libelle, applicable, satisfaite });

const pieceValidee = (dossier: CompletudeInput, types: readonly TypePiece[]): boolean =>
  dossier.pieces.some((piece) => piece.statut === 'VALIDEE' && types.includes(piece.type));

// A pièce counts once a conseiller validated it: one waiting (A_VALIDER) or refused proves nothing yet.
const piece = (
  section: SectionDossier,
  type: TypePiece,
  applicable: (contexte: ContexteCompletude) => boolean = toujours,
  acceptees: (contexte: ContexteCompletude) => readonly TypePiece[] = () => [type],
): ExigenceCompletude => ({
  type: 'piece',
  section,
  code: type,
  libelle: TYPE_PIECE_LABELS[type],
  applicable,
  satisfaite: (contexte) => pieceValidee(contexte.dossier, acceptees(contexte)),
});

/**
 * What each level adds to the one below (reference §c.1, charte de saisie). Levels are cumulative: « complet » is
 * « partiel » plus its list, « justifié » is « complet » plus its pièces.
 */
export const EXIGENCES_COMPLETUDE: Readonly<Record<NiveauCompletude, readonly ExigenceCompletude[]>> = {
  // The charte's identity minimum: a dossier cannot be created without it, so every dossier is at least « partiel ».
  partiel: [
    champ('identite', 'identite.nomNaissance', 'Nom de naissance', ({ dossier }) => renseigne(dossier.identite.nomNaissance)),
    champ('identite', 'identite.prenoms', 'Prénoms', ({ dossier }) => renseigne(dossier.identite.prenoms)),
    champ('identite', 'identite.sexe', 'Sexe', ({ dossier }) => renseigne(dossier.identite.sexe)),
    champ('identite', 'identite.dateNaissance', 'Date de naissance', ({ dossier }) => ISO_DATE.test(dossier.identite.dateNaissance)),
  ],
  // Every field the décret's annex and the charte ask the Mission Locale to record. Not the NIR: many jeunes do not
  // know it, and a dossier must be complete without it.
  complet: [
    champ(
      'identite',
      'identite.communeNaissanceInsee',
      'Commune de naissance',
      ({ dossier }) => renseigne(dossier.identite.communeNaissanceInsee),
      ({ dossier }) => !dossier.identite.neEtranger,
    ),
    champ(
      'identite',
      'identite.paysNaissance',
      'Pays de naissance',
      ({ dossier }) => renseigne(dossier.identite.paysNaissance),
      ({ dossier }) => dossier.identite.neEtranger,
    ),
    champ('identite', 'identite.nationalite', 'Nationalité', ({ dossier }) => dossier.identite.nationalite !== null),
    champ(
      'identite',
      'identite.titreSejourExpireLe',
      "Date d'expiration du titre de séjour",
      ({ dossier }) => renseigne(dossier.identite.titreSejourExpireLe),
      horsUe,
    ),
    champ(
      'coordonnees',
      'coordonnees.adresse',
      'Adresse actuelle',
      ({ dossier }) => dossier.coordonnees.adresse !== null && renseigne(dossier.coordonnees.adresse.communeInsee),
    ),
    // One way to reach the jeune is enough; the code points at the field the form focuses first.
    champ(
      'coordonnees',
      'coordonnees.telephone',
      'Téléphone ou e-mail',
      ({ dossier }) => renseigne(dossier.coordonnees.telephone) || renseigne(dossier.coordonnees.email),
    ),
    champ('famille', 'famille.situationFamiliale', 'Situation familiale', ({ dossier }) => dossier.famille.situationFamiliale !== null),
    // 0 is an answer ("no child"); only null means the question was not asked.
    champ('famille', 'famille.enfantsACharge', 'Enfants à charge', ({ dossier }) => dossier.famille.enfantsACharge !== null),
    champ(
      'famille',
      'famille.representantsLegaux',
      'Représentant légal (jeune mineur)',
      ({ dossier }) => dossier.famille.representantsLegaux.length > 0,
      mineur,
    ),
    champ('cursus', 'cursus.niveauFormation', 'Niveau de formation', ({ dossier }) => dossier.cursus.niveauFormation !== null),
    champ('logement', 'logement.situation', 'Situation de logement', ({ dossier }) => dossier.logement.situation !== null),
    // `[]` is an answer ("no aid"); null means not asked. Same for the RQTH and France Travail questions.
    champ('ressources', 'ressources.liste', 'Ressources (aides et allocations)', ({ dossier }) => dossier.ressources.liste !== null),
    champ('sante', 'sante.rqth', 'RQTH', ({ dossier }) => dossier.sante.rqth !== null),
    champ('franceTravail', 'franceTravail.inscrit', 'Inscription à France Travail', ({ dossier }) => dossier.franceTravail.inscrit !== null),
  ],
  // Validated pièces proving what the dossier declares. A titre de séjour is a non-EU national's identity document,
  // so one validated titre proves both; for a French or EU national a pièce filed as a titre de séjour is more likely
  // misfiled than an identity proof, so it does not stand for one. Its expiry is watched by the alertes, not here.
  justifie: [
    piece('identite', 'IDENTITE', toujours, (contexte) => (horsUe(contexte) ? ['IDENTITE', 'TITRE_SEJOUR'] : ['IDENTITE'])),
    piece('coordonnees', 'DOMICILE'),
    piece('identite', 'TITRE_SEJOUR', horsUe),
    piece('sante', 'RQTH', ({ dossier }) => dossier.sante.rqth === true),
    piece('ressources', 'RESSOURCES', ({ dossier }) => (dossier.ressources.liste ?? []).length > 0),
  ],
};

const manquantsDe = (exigences: readonly ExigenceCompletude[], contexte: ContexteCompletude): Manquant[] =>
  exigences
    .filter((exigence) => exigence.applicable(contexte) && !exigence.satisfaite(contexte))
    .map(({ type, section, code, libelle }) => ({ type, section, code, libelle }));

const pluriel = (count: number, singulier: string, plurielForm: string): string => `${count} ${count > 1 ? plurielForm : singulier}`;

/**
 * The summary the dossier header shows: "1 champ manquant pour « complet »", "1 pièce manquante pour « justifié »",
 * "2 champs et 1 pièce manquants pour « justifié »" (a mixed list agrees in the masculine plural); empty when there
 * is no next level.
 */
export const resumeCompletude = (manquants: readonly Pick<Manquant, 'type'>[], prochainNiveau: NiveauCompletude | null): string => {
  if (prochainNiveau === null || manquants.length === 0) {
    return '';
  }
  const champs = manquants.filter((manquant) => manquant.type === 'champ').length;
  const pieces = manquants.length - champs;
  const cible = `pour « ${NIVEAU_COMPLETUDE_LABELS[prochainNiveau].toLowerCase()} »`;
  if (pieces === 0) {
    return `${pluriel(champs, 'champ manquant', 'champs manquants')} ${cible}`;
  }
  if (champs === 0) {
    return `${pluriel(pieces, 'pièce manquante', 'pièces manquantes')} ${cible}`;
  }
  return `${pluriel(champs, 'champ', 'champs')} et ${pluriel(pieces, 'pièce', 'pièces')} manquants ${cible}`;
};

/**
 * The completeness of a dossier on `today` (the Mission Locale's local day: a jeune stops needing a representative
 * on their 18th birthday). Computed, never typed (docs/decisions/0004).
 *
 * The level is the highest whose requirements, and those of every level below, are all met; « partiel » is the floor
 * because a dossier is created with its identity minimum. `manquants` lists what the next level lacks, and only that
 * level: a dossier missing fields of « complet » and pièces of « justifié » is « partiel » and shows the fields, since
 * the pièces prove fields that must first be filled in. As the lists are cumulative, the gaps of the next level also
 * hold any gap of the levels below: a legacy dossier lacking part of the identity minimum stays « partiel » (there is
 * no lower level) and lists those fields with the ones « complet » adds.
 */
export const computeCompletude = (input: CompletudeInput, today: LocalDate): CompletudeDto => {
  const contexte: ContexteCompletude = { dossier: input, today };
  let niveau: NiveauCompletude = NIVEAUX_COMPLETUDE[0];
  let prochainNiveau: NiveauCompletude | null = null;
  let manquants: Manquant[] = [];
  const cumul: ExigenceCompletude[] = [];
  for (const candidat of NIVEAUX_COMPLETUDE) {
    cumul.push(...EXIGENCES_COMPLETUDE[candidat]);
    const lacunes = manquantsDe(cumul, contexte);
    if (lacunes.length === 0) {
      niveau = candidat;
    } else if (candidat !== NIVEAUX_COMPLETUDE[0]) {
      prochainNiveau = candidat;
      manquants = lacunes;
      break;
    }
    // Gaps of the floor are carried into the next level's list (see above).
  }
  return { niveau, prochainNiveau, manquants, resume: resumeCompletude(manquants, prochainNiveau) };
};
