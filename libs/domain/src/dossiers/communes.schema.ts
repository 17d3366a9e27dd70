import * as z from 'zod';

/** Bounds of the commune search: the query's length, and how many communes one answer lists at most. */
export const COMMUNES_SEARCH_LIMITS = { qMin: 2, qMax: 60, results: 10 } as const;

const { qMin, qMax } = COMMUNES_SEARCH_LIMITS;

/** Query of `GET /api/v1/communes`: a commune's name (or its start), a postal code (or its start), or an INSEE code. */
export const communesQuerySchema = z.strictObject({
  q: z
    .string({ error: 'Saisissez le nom de la commune, son code postal ou son code INSEE.' })
    .trim()
    .min(qMin, `Saisissez au moins ${qMin} caractères du nom ou du code postal de la commune.`)
    .max(qMax, `La recherche de commune compte au plus ${qMax} caractères.`),
});
/** A commune search, as validated. */
export type CommunesQuery = z.infer<typeof communesQuerySchema>;

/** A current French commune, as the official list (@etalab/decoupage-administratif) describes it. */
export const communeSchema = z.object({
  /** The INSEE code: what the dossier stores. */
  insee: z.string(),
  nom: z.string(),
  /** Its postal codes, in the list's order; some communes have none. */
  codesPostaux: z.array(z.string()),
  /** The département code: `33`, `2A`, `974`. */
  departement: z.string(),
});
/** One commune found. */
export type CommuneDto = z.infer<typeof communeSchema>;
