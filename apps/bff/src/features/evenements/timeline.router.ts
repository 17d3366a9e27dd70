import { Router } from 'express';
import type { AppContext } from '../../app-context';

/** A dossier's timeline and the export of its parcours (#4). */
export const timelineRouter = (_ctx: AppContext): Router => Router();
