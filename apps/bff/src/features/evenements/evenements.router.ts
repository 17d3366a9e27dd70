import { Router } from 'express';
import type { AppContext } from '../../app-context';

/** Événements, propositions, actions and their referentials (#4). */
export const evenementsRouter = (_ctx: AppContext): Router => Router();
