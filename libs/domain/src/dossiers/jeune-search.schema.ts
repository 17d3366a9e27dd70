import * as z from 'zod';

/** Bounds of a jeune search, as the form and the BFF apply them. */
// Pages are bounded: past 50 pages a conseiller refines the search, and deep OFFSETs would scan for nothing.
export const JEUNE_SEARCH_LIMITS = { qMin: 2, qMax: 100, sizeMax: 50, sizeDefault: 20, pageMax: 50 } as const;

/** A jeune's sex as the dossier records it. */
export const SEXES = ['F', 'M'] as const;
/** One sex. */
export type Sexe = (typeof SEXES)[number];

/** Where a dossier stands in its life. */
export const STATUTS_DOSSIER = ['actif', 'archive', 'anonymise'] as const;
/** One dossier status. */
export type StatutDossier = (typeof STATUTS_DOSSIER)[number];

const { qMin, qMax, sizeMax, sizeDefault, pageMax } = JEUNE_SEARCH_LIMITS;
const pageMessage = `La page est un nombre entier de 1 à ${pageMax} : au-delà, précisez la recherche.`;
const sizeMessage = `La taille de page est un nombre entier de 1 à ${sizeMax}.`;

/** Query of `GET /api/v1/jeunes`: a name, matricule, phone number or e-mail, and the page wanted. */
export const jeuneSearchQuerySchema = z.strictObject({
  q: z
    .string({ error: 'Saisissez un nom, un prénom, un matricule, un téléphone ou un e-mail.' })
    .trim()
    .min(qMin, `La recherche compte au moins ${qMin} caractères.`)
    .max(qMax, `La recherche compte au plus ${qMax} caractères.`),
  page: z.coerce.number({ error: pageMessage }).int(pageMessage).min(1, pageMessage).max(pageMax, pageMessage).default(1),
  size: z.coerce.number({ error: sizeMessage }).int(sizeMessage).min(1, sizeMessage).max(sizeMax, sizeMessage).default(sizeDefault),
});
/** A jeune search, as validated. */
export type JeuneSearchQuery = z.infer<typeof jeuneSearchQuerySchema>;

/** One dossier found by the search: enough to recognise the jeune, nothing sensitive. */
export const jeuneSearchItemSchema = z.object({
  id: z.string(),
  matricule: z.string(),
  nomUsage: z.string().nullable(),
  nomNaissance: z.string(),
  prenoms: z.string(),
  sexe: z.enum(SEXES),
  dateNaissance: z.iso.date(),
  /** Counted on the local day of the jeune's Mission Locale. */
  age: z.number().int(),
  /** `nom` is null when the INSEE code is not a current commune. */
  commune: z.object({ insee: z.string(), nom: z.string().nullable() }).nullable(),
  referent: z.object({ id: z.string(), prenom: z.string(), nom: z.string() }).nullable(),
  statutDossier: z.enum(STATUTS_DOSSIER),
});
/** A dossier in the search results. */
export type JeuneSearchItemDto = z.infer<typeof jeuneSearchItemSchema>;

/** Response of `GET /api/v1/jeunes`: best matches first; `hasMore` says whether a next page exists (no total count). */
export const jeuneSearchResultSchema = z.object({
  items: z.array(jeuneSearchItemSchema),
  page: z.number().int(),
  size: z.number().int(),
  hasMore: z.boolean(),
});
/** A page of search results. */
export type JeuneSearchResultDto = z.infer<typeof jeuneSearchResultSchema>;
