import * as z from 'zod';
import { CATEGORIES_SITUATION, ETATS_SITUATION, NIVEAUX_COMPLETUDE, NIVEAUX_FORMATION } from './dossier.enums';
import { JEUNE_SEARCH_LIMITS, jeuneSearchItemSchema, SEXES } from './jeune-search.schema';

/** Ages a criteria search accepts: the Missions Locales follow 16–25 year-olds, some a little before or after. */
export const AGE_LIMITS = { min: 14, max: 30 } as const;

/** Sort keys of the criteria search; `-` in front sorts descending. `pertinence` needs a `q`. */
export const TRIS_JEUNES = ['pertinence', 'nom', 'age', 'dernierContact', 'creation'] as const;
/** One sort key. */
export type TriJeunes = (typeof TRIS_JEUNES)[number];

const ageMessage = `L'âge est un nombre entier de ${AGE_LIMITS.min} à ${AGE_LIMITS.max}.`;
const age = z.coerce.number({ error: ageMessage }).int(ageMessage).min(AGE_LIMITS.min, ageMessage).max(AGE_LIMITS.max, ageMessage);
const jour = (label: string) => z.iso.date(`${label} : une date au format AAAA-MM-JJ.`);

/**
 * The criteria of the multi-criteria search, as they travel in the URL (shareable) and in a saved search. Every
 * criterion narrows the result; none means "every dossier of my Missions Locales". The Dispositifs univers adds its
 * own criterion here and a filter in the BFF's criteria registry.
 */
export const jeuneCriteresShape = {
  ageMin: age.optional(),
  ageMax: age.optional(),
  sexe: z.enum(SEXES, 'Le sexe est F ou M.').optional(),
  niveau: z.enum(NIVEAUX_FORMATION, 'Niveau de formation inconnu.').optional(),
  situationCategorie: z.enum(CATEGORIES_SITUATION, 'Catégorie de situation inconnue.').optional(),
  situationEtat: z.enum(ETATS_SITUATION, 'État de situation inconnu.').optional(),
  communeInsee: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^(?:\d{5}|2[AB]\d{3})$/, 'Le code commune INSEE compte 5 caractères.')
    .optional(),
  departement: z
    .string()
    .trim()
    .toUpperCase()
    // The current départements: 01–95 without 20 (Corsica is 2A and 2B), and the overseas 971–976.
    .regex(/^(?:0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-6])$/, 'Le département est un code comme 31, 2A ou 974.')
    .optional(),
  qpv: z.enum(['oui', 'non'], 'QPV : oui ou non.').optional(),
  /** A référent's id, `moi` (the caller) or `aucun` (no référent). */
  referent: z.union([z.enum(['moi', 'aucun']), z.uuid()], { error: 'Référent : un identifiant, « moi » ou « aucun ».' }).optional(),
  completude: z.enum(NIVEAUX_COMPLETUDE, 'Complétude : partiel, complet ou justifie.').optional(),
  /** Last contact on or after this day. */
  contactDepuis: jour('Contact depuis').optional(),
  /** Last contact before this day (or never). */
  contactAvant: jour('Contact avant').optional(),
  statut: z.enum(['actif', 'archive', 'tous'], 'Statut : actif, archive ou tous.').default('actif'),
} as const;

const { qMin, qMax, sizeMax, sizeDefault, pageMax } = JEUNE_SEARCH_LIMITS;
const pageMessage = `La page est un nombre entier de 1 à ${pageMax} : au-delà, précisez la recherche.`;
const sizeMessage = `La taille de page est un nombre entier de 1 à ${sizeMax}.`;

const sortSchema = z
  .string()
  .refine((value) => (TRIS_JEUNES as readonly string[]).includes(value.replace(/^-/, '')), {
    message: `Tri : ${TRIS_JEUNES.join(', ')} (précédé de « - » pour l'ordre décroissant).`,
  })
  .optional();

const coherent = (value: { ageMin?: number; ageMax?: number; contactDepuis?: string; contactAvant?: string; q?: string; sort?: string }, ctx: z.RefinementCtx) => {
  if (value.ageMin !== undefined && value.ageMax !== undefined && value.ageMin > value.ageMax) {
    ctx.addIssue({ code: 'custom', path: ['ageMax'], message: "L'âge maximum est au moins l'âge minimum." });
  }
  if (value.contactDepuis !== undefined && value.contactAvant !== undefined && value.contactAvant <= value.contactDepuis) {
    ctx.addIssue({ code: 'custom', path: ['contactAvant'], message: '« Contact avant » suit « contact depuis ».' });
  }
  if (value.sort?.replace(/^-/, '') === 'pertinence' && value.q === undefined) {
    ctx.addIssue({ code: 'custom', path: ['sort'], message: 'Le tri par pertinence demande un texte recherché.' });
  }
};

const qSchema = z
  .string({ error: 'Saisissez un nom, un prénom, un matricule, un téléphone ou un e-mail.' })
  .trim()
  .min(qMin, `La recherche compte au moins ${qMin} caractères.`)
  .max(qMax, `La recherche compte au plus ${qMax} caractères.`);

/** What a saved search keeps: the text and the criteria, and the sort (never a page). */
export const criteresRechercheSchema = z.strictObject({ q: qSchema.optional(), ...jeuneCriteresShape, sort: sortSchema }).superRefine(coherent);
/** A search's criteria, as validated. */
export type CriteresRecherche = z.infer<typeof criteresRechercheSchema>;

/** Query of the multi-criteria `GET /api/v1/jeunes`: optional text, criteria, sort and page. */
export const jeuneCriteresQuerySchema = z
  .strictObject({
    q: qSchema.optional(),
    ...jeuneCriteresShape,
    sort: sortSchema,
    page: z.coerce.number({ error: pageMessage }).int(pageMessage).min(1, pageMessage).max(pageMax, pageMessage).default(1),
    size: z.coerce.number({ error: sizeMessage }).int(sizeMessage).min(1, sizeMessage).max(sizeMax, sizeMessage).default(sizeDefault),
  })
  .superRefine(coherent);
/** A criteria search, as validated. */
export type JeuneCriteresQuery = z.infer<typeof jeuneCriteresQuerySchema>;

/** Body of `POST /api/v1/recherches`: a name the user chooses and the criteria. */
export const rechercheSauvegardeeCreationSchema = z.strictObject({
  nom: z.string().trim().min(1, 'Le nom : à renseigner.').max(80, 'Le nom : 80 caractères au plus.'),
  criteres: criteresRechercheSchema,
});
/** A saved search to create, as validated. */
export type RechercheSauvegardeeCreation = z.infer<typeof rechercheSauvegardeeCreationSchema>;

/** A saved search as listed. */
export const rechercheSauvegardeeSchema = z.object({
  id: z.string(),
  nom: z.string(),
  criteres: criteresRechercheSchema,
  creeeLe: z.iso.datetime(),
});
/** A saved search as the PWA reads it. */
export type RechercheSauvegardeeDto = z.infer<typeof rechercheSauvegardeeSchema>;

/** One dossier in the results of the search (one-box or criteria): the search line plus the header badges. */
export const jeuneResultatSchema = jeuneSearchItemSchema.extend({
  situationCourante: z.object({ categorie: z.enum(CATEGORIES_SITUATION), etat: z.enum(ETATS_SITUATION) }).nullable(),
  completude: z.enum(NIVEAUX_COMPLETUDE),
  dernierContactLe: z.iso.date().nullable(),
});
/** A dossier in the results. */
export type JeuneResultatDto = z.infer<typeof jeuneResultatSchema>;

/**
 * Response of `GET /api/v1/jeunes`: best matches (or the chosen sort) first; `hasMore` says whether a next page
 * exists; `total` is counted when no text is typed (a fuzzy match is never counted), else null.
 */
export const jeuneResultatsSchema = z.object({
  items: z.array(jeuneResultatSchema),
  page: z.number().int(),
  size: z.number().int(),
  hasMore: z.boolean(),
  total: z.number().int().nullable(),
});
/** A page of results. */
export type JeuneResultatsDto = z.infer<typeof jeuneResultatsSchema>;
