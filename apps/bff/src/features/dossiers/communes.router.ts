import { Router } from 'express';
import { CAPABILITIES, type CommunesQuery, communesQuerySchema } from '@imilo/domain';
import { requireAnyCapability } from '../../platform/guards';
import { validated, validateQuery } from '../../platform/validate';
import { searchCommunes } from './communes';

/** One day: the official list changes once a year, with a new release of the package. */
const CACHE_SECONDS = 86_400;

/** The commune picker of the dossier forms and the search criteria (#3): who types a birth or address commune. */
export const communesRouter = (): Router => {
  const router = Router();

  router.get(
    '/communes',
    requireAnyCapability(CAPABILITIES.dossiersCreate, CAPABILITIES.dossiersEditIdentite, CAPABILITIES.dossiersSearch),
    validateQuery(communesQuerySchema),
    (req, res) => {
      // Official open data, nothing about a jeune: any cache may keep it.
      res.setHeader('Cache-Control', `public, max-age=${CACHE_SECONDS}`);
      res.json(searchCommunes(validated<CommunesQuery>(req, 'query').q));
    },
  );

  return router;
};
