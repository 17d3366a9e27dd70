import * as z from 'zod';
import { jour, optionnel, personne, texte, versionLue } from '../shared/fields';
import { NOM_PATTERN, nomCharte, prenomsCharte } from './charte.rules';
import {
  CATEGORIES_SITUATION,
  ETATS_SITUATION,
  MIME_PIECES,
  MODES_GARDE,
  MOYENS_TRANSPORT,
  NATIONALITES,
  NIVEAUX_COMPLETUDE,
  NIVEAUX_FORMATION,
  NIVEAUX_LANGUE,
  PERMIS,
  SECTIONS_DOSSIER,
  SITUATIONS_FAMILIALES,
  SITUATIONS_LOGEMENT,
  STATUTS_PIECE,
  TYPES_PIECE,
  TYPES_PIECE_IDENTITE,
  TYPES_RESSOURCE,
} from './dossier.enums';
import { SEXES, STATUTS_DOSSIER } from './jeune-search.schema';
import { nirError, normaliseNir } from './nir.rules';

const nom = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `${label} : à renseigner.`)
    .max(60, `${label} : 60 caractères au plus.`)
    .regex(NOM_PATTERN, `${label} : des lettres, espaces, tirets et apostrophes seulement.`)
    .transform(nomCharte);

/** An INSEE commune code (5 characters, Corsica 2A/2B); whether it exists is checked against the official list. */
export const codeInseeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(?:\d{5}|2[AB]\d{3})$/, 'Le code commune INSEE compte 5 caractères (ex. 31555).');

/** A French phone number in its national form, `0` and nine digits, as the dossier keeps it. */
export const telephoneSchema = z
  .string()
  .trim()
  // "+33 (0)6 12 34 56 78" is a common way to write it: the "(0)" is the national prefix, written twice.
  .transform((value) => value.replace(/\(0\)/g, '').replace(/[\s.()-]/g, '').replace(/^(?:\+|00)(?:33|262|269|590|594|596)/, '0'))
  .pipe(z.string().regex(/^0\d{9}$/, 'Le téléphone compte 10 chiffres (ex. 06 12 34 56 78).'));

const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "L'e-mail compte 254 caractères au plus.")
  .pipe(z.email("L'e-mail n'est pas valide (ex. prenom.nom@exemple.fr)."));

/** A NIR as typed; stored normalised and encrypted. */
export const nirSchema = z
  .string()
  .transform(normaliseNir)
  .superRefine((nir, ctx) => {
    const error = nirError(nir);
    if (error !== null) {
      ctx.addIssue({ code: 'custom', message: error });
    }
  });

const codeRome = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-N]\d{4}$/, 'Le code ROME est une lettre et quatre chiffres (ex. G1602).');

// ---------------------------------------------------------------------------------------------------------------
// Sections as the PWA sends them (PATCH replaces the whole section it names).

const identiteFields = {
  nomNaissance: nom('Le nom de naissance'),
  nomUsage: optionnel(nom("Le nom d'usage")),
  prenoms: texte('Les prénoms', 100).transform(prenomsCharte),
  sexe: z.enum(SEXES, 'Le sexe est F ou M.'),
  dateNaissance: jour('La date de naissance'),
  neEtranger: z.boolean('Né(e) à l’étranger : oui ou non.'),
  communeNaissanceInsee: optionnel(codeInseeSchema),
  paysNaissance: optionnel(texte('Le pays de naissance', 60)),
};

const lieuDeNaissance = (
  value: { neEtranger: boolean; communeNaissanceInsee: string | null; paysNaissance: string | null },
  ctx: z.RefinementCtx,
): void => {
  if (value.neEtranger && value.paysNaissance === null) {
    ctx.addIssue({ code: 'custom', path: ['paysNaissance'], message: 'Né(e) à l’étranger : indiquez le pays de naissance.' });
  }
  if (value.neEtranger && value.communeNaissanceInsee !== null) {
    ctx.addIssue({ code: 'custom', path: ['communeNaissanceInsee'], message: 'Né(e) à l’étranger : pas de commune française.' });
  }
  if (!value.neEtranger && value.paysNaissance !== null) {
    ctx.addIssue({ code: 'custom', path: ['paysNaissance'], message: 'Né(e) en France : la commune suffit, pas de pays.' });
  }
};

/** The identity a dossier is created with: the charte's minimum, plus the place of birth. */
export const identiteCreationSchema = z
  .strictObject({
    ...identiteFields,
    nomUsage: identiteFields.nomUsage.default(null),
    communeNaissanceInsee: identiteFields.communeNaissanceInsee.default(null),
    paysNaissance: identiteFields.paysNaissance.default(null),
  })
  .superRefine(lieuDeNaissance);
/** A new dossier's identity, as validated. */
export type IdentiteCreation = z.infer<typeof identiteCreationSchema>;

/**
 * The identité section. `nir` and `pieceIdentiteNumero`: absent keeps what is stored, `null` erases it, a value
 * replaces it (the PWA never holds the stored value, only its mask).
 */
export const identiteSchema = z
  .strictObject({
    ...identiteFields,
    nationalite: optionnel(z.enum(NATIONALITES, 'Nationalité : française, UE ou hors UE.')),
    titreSejourExpireLe: optionnel(jour("L'expiration du titre de séjour")),
    parentNeEtranger: optionnel(z.boolean()),
    nir: nirSchema.nullable().optional(),
    nirCertifie: z.boolean().default(false),
    pieceIdentiteType: optionnel(z.enum(TYPES_PIECE_IDENTITE, "Type de pièce d'identité inconnu.")),
    pieceIdentiteNumero: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{5,20}$/, "Le numéro de pièce d'identité compte 5 à 20 lettres ou chiffres.")
      .nullable()
      .optional(),
    recense: optionnel(z.boolean()),
    jdcEffectuee: optionnel(z.boolean()),
  })
  .superRefine(lieuDeNaissance);
/** The identité section as sent. */
export type IdentiteInput = z.infer<typeof identiteSchema>;

/** A postal address in France (the dossier's current one; older ones are kept as history). */
export const adresseSchema = z.strictObject({
  ligne1: texte("L'adresse", 120),
  ligne2: optionnel(texte("Le complément d'adresse", 120)).default(null),
  codePostal: z.string().trim().regex(/^\d{5}$/, 'Le code postal compte 5 chiffres.'),
  communeInsee: codeInseeSchema,
  qpvCode: optionnel(
    z.string().trim().toUpperCase().regex(/^QN\d{3}[0-9A-Z]{3}$/, 'Le code QPV a la forme QN suivi de 6 caractères (ex. QN03101M).'),
  ).default(null),
});
/** An address as sent. */
export type AdresseInput = z.infer<typeof adresseSchema>;

/** Consent per channel (RGPD): nothing is sent on a channel the jeune has not agreed to. */
export const consentementsSchema = z.strictObject({ sms: z.boolean(), email: z.boolean(), push: z.boolean() });

/** The coordonnées section. */
export const coordonneesSchema = z.strictObject({
  telephone: optionnel(telephoneSchema),
  email: optionnel(email),
  consentements: consentementsSchema,
  adresse: optionnel(adresseSchema),
});
/** The coordonnées section as sent. */
export type CoordonneesInput = z.infer<typeof coordonneesSchema>;

/** A legal representative of a minor jeune. */
export const representantLegalSchema = z.strictObject({
  nom: nom('Le nom du représentant'),
  prenom: texte('Le prénom du représentant', 60),
  lien: texte('Le lien avec le jeune', 40),
  telephone: optionnel(telephoneSchema),
  email: optionnel(email),
});

/** The famille section. */
export const familleSchema = z.strictObject({
  situationFamiliale: optionnel(z.enum(SITUATIONS_FAMILIALES, 'Situation familiale inconnue.')),
  enfantsACharge: optionnel(z.number().int('Un nombre entier.').min(0, 'De 0 à 15.').max(15, 'De 0 à 15.')),
  modeGarde: optionnel(z.enum(MODES_GARDE, 'Mode de garde inconnu.')),
  representantsLegaux: z.array(representantLegalSchema).max(4, 'Quatre représentants au plus.'),
});
/** The famille section as sent. */
export type FamilleInput = z.infer<typeof familleSchema>;

const niveauFormation = z.enum(NIVEAUX_FORMATION, 'Niveau de formation inconnu.');

/** The cursus section: initial training, diplomas, experiences, languages. */
export const cursusSchema = z.strictObject({
  niveauFormation: optionnel(niveauFormation),
  derniereClasse: optionnel(texte('La dernière classe suivie', 80)),
  dateSortieFormationInitiale: optionnel(jour('La sortie de formation initiale')),
  diplomes: z
    .array(
      z.strictObject({
        intitule: texte("L'intitulé du diplôme", 120),
        niveau: optionnel(niveauFormation),
        dateObtention: optionnel(jour("La date d'obtention")),
      }),
    )
    .max(20, 'Vingt diplômes au plus.'),
  experiences: z
    .array(
      z.strictObject({
        intitule: texte("L'intitulé du poste", 120),
        romeCode: optionnel(codeRome),
        employeur: optionnel(texte("L'employeur", 120)),
        dateDebut: optionnel(jour('Le début')),
        dateFin: optionnel(jour('La fin')),
      }),
    )
    .max(30, 'Trente expériences au plus.'),
  langues: z
    .array(z.strictObject({ langue: texte('La langue', 40), niveau: z.enum(NIVEAUX_LANGUE, 'Niveau de langue inconnu.') }))
    .max(10, 'Dix langues au plus.'),
});
/** The cursus section as sent. */
export type CursusInput = z.infer<typeof cursusSchema>;

/** One situation (reference §b.1): what the jeune is doing, planned, current or over. */
export const situationSchema = z
  .strictObject({
    id: z.uuid('Identifiant de situation invalide.').optional(),
    categorie: z.enum(CATEGORIES_SITUATION, 'Catégorie de situation inconnue.'),
    etat: z.enum(ETATS_SITUATION, 'État de situation inconnu.'),
    dateDebut: jour('Le début'),
    dateFin: optionnel(jour('La fin')),
    intitule: optionnel(texte("L'intitulé (poste, formation, employeur)", 120)).default(null),
    romeCode: optionnel(codeRome).default(null),
  })
  .superRefine((value, ctx) => {
    if (value.dateFin !== null && value.dateFin < value.dateDebut) {
      ctx.addIssue({ code: 'custom', path: ['dateFin'], message: 'La fin ne peut précéder le début.' });
    }
    if (value.etat === 'TERMINE' && value.dateFin === null) {
      ctx.addIssue({ code: 'custom', path: ['dateFin'], message: 'Une situation terminée a une date de fin.' });
    }
  });
/** A situation as sent. */
export type SituationInput = z.infer<typeof situationSchema>;

/** Social aid and allowances; `liste: null` means the question was not asked yet, `[]` that there is none. */
export const ressourcesSchema = z.strictObject({
  liste: z
    .array(
      z.strictObject({
        type: z.enum(TYPES_RESSOURCE, 'Type de ressource inconnu.'),
        dateDebut: optionnel(jour('Le début')),
        dateFin: optionnel(jour('La fin')),
        numeroAllocataire: optionnel(
          z.string().trim().regex(/^[0-9A-Za-z]{4,20}$/, "Le numéro d'allocataire compte 4 à 20 lettres ou chiffres."),
        ),
      }),
    )
    .max(10, 'Dix ressources au plus.')
    .nullable(),
});
/** The ressources section as sent. */
export type RessourcesInput = z.infer<typeof ressourcesSchema>;

/** The logement section. */
export const logementSchema = z.strictObject({
  situation: optionnel(z.enum(SITUATIONS_LOGEMENT, 'Situation de logement inconnue.')),
  difficulte: optionnel(z.boolean()),
});
/** The logement section as sent. */
export type LogementInput = z.infer<typeof logementSchema>;

/** The mobilité section. */
export const mobiliteSchema = z.strictObject({
  permis: z.array(z.enum(PERMIS, 'Permis inconnu.')).max(PERMIS.length),
  vehicule: optionnel(z.boolean()),
  moyensTransport: z.array(z.enum(MOYENS_TRANSPORT, 'Moyen de transport inconnu.')).max(MOYENS_TRANSPORT.length),
});
/** The mobilité section as sent. */
export type MobiliteInput = z.infer<typeof mobiliteSchema>;

/** Reconnaissance de la qualité de travailleur handicapé: `rqth: null` when not asked. */
export const santeSchema = z.strictObject({
  rqth: optionnel(z.boolean()),
  rqthFin: optionnel(jour('La fin de la RQTH')),
});
/** The RQTH section as sent. */
export type SanteInput = z.infer<typeof santeSchema>;

/** Registration with France Travail; `inscrit: null` when not asked. */
export const franceTravailSchema = z.strictObject({
  inscrit: optionnel(z.boolean()),
  identifiant: optionnel(
    z.string().trim().toUpperCase().regex(/^[0-9A-Z]{7,11}$/, "L'identifiant France Travail compte 7 à 11 lettres ou chiffres."),
  ),
  dateInscription: optionnel(jour("La date d'inscription")),
});
/** The France Travail section as sent. */
export type FranceTravailInput = z.infer<typeof franceTravailSchema>;

/** Body of `PATCH /api/v1/jeunes/{id}`: the version read, and the sections changed (each replaced whole). */
export const dossierPatchSchema = z
  .strictObject({
    version: versionLue('du dossier'),
    identite: identiteSchema.optional(),
    coordonnees: coordonneesSchema.optional(),
    famille: familleSchema.optional(),
    cursus: cursusSchema.optional(),
    situations: z.array(situationSchema).max(50, 'Cinquante situations au plus.').optional(),
    ressources: ressourcesSchema.optional(),
    logement: logementSchema.optional(),
    mobilite: mobiliteSchema.optional(),
    sante: santeSchema.optional(),
    franceTravail: franceTravailSchema.optional(),
  })
  .refine((patch) => SECTIONS_DOSSIER.some((section) => patch[section] !== undefined), 'Aucune section à enregistrer.');
/** A dossier edit as validated. */
export type DossierPatch = z.infer<typeof dossierPatchSchema>;

/** Body of `POST /api/v1/jeunes`: premier accueil. `confirmerDoublon` after the conseiller saw the candidates. */
export const dossierCreationSchema = z.strictObject({
  identite: identiteCreationSchema,
  coordonnees: coordonneesSchema.optional(),
  confirmerDoublon: z.boolean().default(false),
});
/** A dossier creation as validated. */
export type DossierCreation = z.infer<typeof dossierCreationSchema>;

/** Body of `POST /api/v1/jeunes/demandes-transfert`: the same identity, and why the dossier should move here. */
export const demandeTransfertSchema = z.strictObject({
  identite: identiteCreationSchema,
  motif: texte('Le motif', 500),
});
/** A transfer request as validated. */
export type DemandeTransfert = z.infer<typeof demandeTransfertSchema>;

/** Body of `POST /api/v1/jeunes/{id}/acces`: why a conseiller opens a dossier outside their portfolio. */
export const accesMotifSchema = z.strictObject({ motif: texte('Le motif', 300).pipe(z.string().min(5, 'Le motif : 5 caractères au moins.')) });
/** An access reason as validated. */
export type AccesMotif = z.infer<typeof accesMotifSchema>;

/** Which sensitive number to reveal. */
export const CHAMPS_SENSIBLES = ['nir', 'pieceIdentiteNumero'] as const;
/** One revealable field. */
export type ChampSensible = (typeof CHAMPS_SENSIBLES)[number];
/** Body of `POST /api/v1/jeunes/{id}/revelation`. */
export const revelationSchema = z.strictObject({ champ: z.enum(CHAMPS_SENSIBLES, 'Champ inconnu : nir ou pieceIdentiteNumero.') });
/** Response of the reveal. */
export const revelationResultSchema = z.object({ champ: z.enum(CHAMPS_SENSIBLES), valeur: z.string() });

/** Body of `POST /api/v1/jeunes/{id}/pieces/{pieceId}/decision`. A refusal says why, for the jeune and the team. */
export const pieceDecisionSchema = z
  .strictObject({
    decision: z.enum(['VALIDEE', 'REFUSEE'], 'Décision : VALIDEE ou REFUSEE.'),
    motif: optionnel(texte('Le motif du refus', 500)).default(null),
  })
  .refine((value) => value.decision === 'VALIDEE' || value.motif !== null, {
    path: ['motif'],
    message: 'Un refus indique son motif.',
  });
/** A pièce decision as validated. */
export type PieceDecision = z.infer<typeof pieceDecisionSchema>;

/** Fields of the multipart upload `POST /api/v1/jeunes/{id}/pieces` besides the file (`fichier`). */
export const pieceUploadSchema = z.strictObject({ type: z.enum(TYPES_PIECE, 'Type de pièce inconnu.') });

// ---------------------------------------------------------------------------------------------------------------
// What the BFF answers.

/** A pièce justificative as listed (never its bytes). */
export const pieceSchema = z.object({
  id: z.string(),
  type: z.enum(TYPES_PIECE),
  nomFichier: z.string(),
  mime: z.enum(MIME_PIECES),
  taille: z.number().int(),
  statut: z.enum(STATUTS_PIECE),
  motifRefus: z.string().nullable(),
  deposeeLe: z.iso.datetime(),
  deposeePar: personne.nullable(),
  decideeLe: z.iso.datetime().nullable(),
  decideePar: personne.nullable(),
});
/** A pièce as the PWA reads it. */
export type PieceDto = z.infer<typeof pieceSchema>;

/** One thing missing for the next completeness level. */
export const manquantSchema = z.object({
  type: z.enum(['champ', 'piece']),
  section: z.enum(SECTIONS_DOSSIER),
  /** Field path (`coordonnees.adresse`) or pièce kind (`DOMICILE`). */
  code: z.string(),
  libelle: z.string(),
});
/** A missing item. */
export type Manquant = z.infer<typeof manquantSchema>;

/** The computed completeness: the level reached and what the next one lacks. */
export const completudeSchema = z.object({
  niveau: z.enum(NIVEAUX_COMPLETUDE),
  /** `null` at « justifié ». */
  prochainNiveau: z.enum(NIVEAUX_COMPLETUDE).nullable(),
  manquants: z.array(manquantSchema),
  /** "2 champs et 1 pièce manquants pour « justifié »"; empty at the top level. */
  resume: z.string(),
});
/** A completeness as computed. */
export type CompletudeDto = z.infer<typeof completudeSchema>;

/** A situation as read: its id is always there. */
export const situationDtoSchema = z.object({
  id: z.string(),
  categorie: z.enum(CATEGORIES_SITUATION),
  etat: z.enum(ETATS_SITUATION),
  dateDebut: z.iso.date(),
  dateFin: z.iso.date().nullable(),
  intitule: z.string().nullable(),
  romeCode: z.string().nullable(),
});
/** A situation as read. */
export type SituationDto = z.infer<typeof situationDtoSchema>;

const adresseDto = z.object({
  ligne1: z.string(),
  ligne2: z.string().nullable(),
  codePostal: z.string(),
  communeInsee: z.string(),
  communeNom: z.string().nullable(),
  qpvCode: z.string().nullable(),
  depuis: z.iso.date(),
});

/** The identité section as read: sensitive numbers masked. */
export const identiteDtoSchema = z.object({
  nomNaissance: z.string(),
  nomUsage: z.string().nullable(),
  prenoms: z.string(),
  sexe: z.enum(SEXES),
  dateNaissance: z.iso.date(),
  neEtranger: z.boolean(),
  communeNaissanceInsee: z.string().nullable(),
  communeNaissanceNom: z.string().nullable(),
  paysNaissance: z.string().nullable(),
  nationalite: z.enum(NATIONALITES).nullable(),
  titreSejourExpireLe: z.iso.date().nullable(),
  parentNeEtranger: z.boolean().nullable(),
  /** Last 3 characters shown; `null` when no NIR is recorded. */
  nirMasque: z.string().nullable(),
  nirCertifie: z.boolean(),
  pieceIdentiteType: z.enum(TYPES_PIECE_IDENTITE).nullable(),
  pieceIdentiteNumeroMasque: z.string().nullable(),
  recense: z.boolean().nullable(),
  jdcEffectuee: z.boolean().nullable(),
});
/** The identité section as read. */
export type IdentiteDto = z.infer<typeof identiteDtoSchema>;

/** The coordonnées section as read, with the address history. */
export const coordonneesDtoSchema = z.object({
  telephone: z.string().nullable(),
  email: z.string().nullable(),
  consentements: consentementsSchema,
  adresse: adresseDto.nullable(),
  adressesPrecedentes: z.array(adresseDto.extend({ jusquau: z.iso.date() })),
});
/** The coordonnées section as read. */
export type CoordonneesDto = z.infer<typeof coordonneesDtoSchema>;

/**
 * What to follow next in a dossier (its Synthèse): the last événement noted (deleted ones skipped), the actions still
 * open and those past their échéance on the Mission Locale's local day, and the propositions under way.
 */
export const dossierSuiviSchema = z.object({
  dernierEvenement: z
    .object({
      id: z.string(),
      date: z.iso.datetime(),
      /** The type's libellé: the Mission Locale's own when it has one of that code, else the national one. */
      typeLibelle: z.string(),
      objet: z.string().nullable(),
      conseiller: personne,
    })
    .nullable(),
  /** À faire or en cours. */
  actionsOuvertes: z.number().int(),
  /** Open, and whose échéance is before today in the Mission Locale's time zone. */
  actionsEnRetard: z.number().int(),
  /** Proposées or acceptées. */
  propositionsEnCours: z.number().int(),
});
/** The suivi summary of a dossier. */
export type DossierSuiviDto = z.infer<typeof dossierSuiviSchema>;

/** Response of `GET /api/v1/jeunes/{id}`: the dossier screen in one call. Sections the caller may not read are absent. */
export const dossierSchema = z.object({
  id: z.string(),
  matricule: z.string(),
  /** `timezone`: the IANA zone its days and times are read in (Indian/Reunion for La Réunion). */
  missionLocale: z.object({ id: z.string(), nom: z.string(), timezone: z.string() }),
  version: z.number().int(),
  statutDossier: z.enum(STATUTS_DOSSIER),
  creeLe: z.iso.datetime(),
  modifieLe: z.iso.datetime(),
  modifiePar: personne.nullable(),
  referent: personne.nullable(),
  /** Whether the caller is the jeune's référent. */
  dansMonPortefeuille: z.boolean(),
  /** On the Mission Locale's local day. */
  age: z.number().int(),
  situationCourante: situationDtoSchema.nullable(),
  completude: completudeSchema,
  /** The sections this caller may read, in screen order; `editables` those they may change. */
  sections: z.array(z.enum(SECTIONS_DOSSIER)),
  editables: z.array(z.enum(SECTIONS_DOSSIER)),
  identite: identiteDtoSchema,
  coordonnees: coordonneesDtoSchema,
  famille: familleSchema.optional(),
  cursus: cursusSchema.optional(),
  situations: z.array(situationDtoSchema).optional(),
  ressources: ressourcesSchema.optional(),
  logement: logementSchema.optional(),
  mobilite: mobiliteSchema.optional(),
  sante: santeSchema.optional(),
  franceTravail: franceTravailSchema.optional(),
  pieces: z.array(pieceSchema),
  /** For readers of the whole dossier only, like its sections beyond the accueil's. */
  suivi: dossierSuiviSchema.optional(),
});
/** A dossier as the PWA reads it. */
export type DossierDto = z.infer<typeof dossierSchema>;

/** A probable duplicate in the caller's own Mission Locale: enough to recognise the jeune and open the dossier. */
export const doublonSchema = z.object({
  id: z.string(),
  matricule: z.string(),
  nomNaissance: z.string(),
  nomUsage: z.string().nullable(),
  prenoms: z.string(),
  dateNaissance: z.iso.date(),
  referent: personne.nullable(),
});
/** One duplicate candidate. */
export type DoublonDto = z.infer<typeof doublonSchema>;

/**
 * The `doublons` member of the 409 answering a creation: candidates in my Mission Locale, and only whether a
 * dossier exists in another one (no data of the other tenant).
 */
export const doublonsSchema = z.object({
  missionLocale: z.array(doublonSchema),
  ailleurs: z.boolean(),
});
/** Duplicate candidates. */
export type DoublonsDto = z.infer<typeof doublonsSchema>;
