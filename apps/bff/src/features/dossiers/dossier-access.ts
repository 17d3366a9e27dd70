import type { Request } from 'express';
import {
  CAPABILITIES,
  can,
  PROBLEM_CODES,
  type Role,
  SECTIONS_ACCUEIL,
  SECTIONS_DOSSIER,
  type SectionDossier,
  type TypePiece,
} from '@imilo/domain';
import { problem } from '../../platform/errors';
import type { SessionUser } from '../../platform/session-user';

// Who may see what of a dossier (permissions.md), shared by the dossier screen and the pièces routes so that the two
// never disagree: the sections a role reads and edits, the pièces that go with them, and the portfolio rule.

declare module 'express-session' {
  interface SessionData {
    /** Reasons given in this session for opening dossiers outside the portfolio, by jeune id, oldest first. */
    accesDossiers: Record<string, string>;
  }
}

/** The sections these roles may read: all of them, the identity part only (chargé d'accueil), or none. */
export const readableSections = (roles: readonly Role[]): readonly SectionDossier[] => {
  if (can(roles, CAPABILITIES.dossiersRead)) {
    return SECTIONS_DOSSIER;
  }
  return can(roles, CAPABILITIES.dossiersReadIdentite) ? SECTIONS_ACCUEIL : [];
};

/** The sections these roles may change. */
export const editableSections = (roles: readonly Role[]): readonly SectionDossier[] => {
  if (can(roles, CAPABILITIES.dossiersEdit)) {
    return SECTIONS_DOSSIER;
  }
  return can(roles, CAPABILITIES.dossiersEditIdentite) ? SECTIONS_ACCUEIL : [];
};

// The section a pièce proves; a reader sees the pièces of the sections they read (an RQTH notice is not the
// accueil's business). `null`: shown to readers of the whole dossier only.
const SECTION_OF_PIECE: Readonly<Record<TypePiece, SectionDossier | null>> = {
  IDENTITE: 'identite',
  TITRE_SEJOUR: 'identite',
  DOMICILE: 'coordonnees',
  RQTH: 'sante',
  RESSOURCES: 'ressources',
  DIPLOME: 'cursus',
  AUTRE: null,
};

/** Whether these roles may see a pièce of this kind (its metadata and its bytes). */
export const pieceVisibleTo = (roles: readonly Role[], type: TypePiece): boolean => {
  const section = SECTION_OF_PIECE[type];
  return section === null ? can(roles, CAPABILITIES.dossiersRead) : readableSections(roles).includes(section);
};

/** What the portfolio rule needs of a dossier: whose portfolio it is in. */
export interface DossierOwnership {
  readonly id: string;
  readonly referentId: string | null;
}

/**
 * The reasons given in this session for opening dossiers outside the caller's portfolio (permissions.md, note 1),
 * kept in the session so that the question is asked once per dossier and sign-in.
 */
export interface AccessReasons {
  reasonFor(jeuneId: string): string | undefined;
  remember(jeuneId: string, motif: string): void;
}

// A session keeps the reasons of its latest dossiers only: enough for a working day, bounded in the session store.
const MAX_REMEMBERED_REASONS = 200;

/** The access reasons of the request's session. */
export const accessReasonsOf = (req: Request): AccessReasons => ({
  reasonFor: (jeuneId) => req.session.accesDossiers?.[jeuneId],
  remember: (jeuneId, motif) => {
    const kept = Object.entries(req.session.accesDossiers ?? {}).filter(([id]) => id !== jeuneId);
    req.session.accesDossiers = Object.fromEntries([...kept, [jeuneId, motif]].slice(-MAX_REMEMBERED_REASONS));
  },
});

/** Whether the user opens this dossier as a reader of the whole of it without being its référent. */
export const isOutsidePortfolio = (dossier: DossierOwnership, user: SessionUser): boolean =>
  can(user.roles, CAPABILITIES.dossiersRead) && dossier.referentId !== user.id;

/**
 * 403 `motif-acces-requis` when a conseiller or direction opens a dossier outside their portfolio without having
 * said why in this session; answers the reason given (undefined inside the portfolio, or for the accueil, who only
 * reads the identity).
 */
export const requireAccessReason = (dossier: DossierOwnership, user: SessionUser, reasons: AccessReasons): string | undefined => {
  if (!isOutsidePortfolio(dossier, user)) {
    return undefined;
  }
  const motif = reasons.reasonFor(dossier.id);
  if (motif === undefined) {
    throw problem(
      PROBLEM_CODES.accessReasonRequired,
      "Ce jeune n'est pas dans votre portefeuille : indiquez le motif de votre consultation pour ouvrir son dossier.",
    );
  }
  return motif;
};
