import { createHash, randomUUID } from 'node:crypto';
import {
  MIME_PIECES,
  mimeFromBytes,
  nomFichierSur,
  type PieceDecision,
  type PieceDto,
  PROBLEM_CODES,
  type TypePiece,
} from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { actedBy, onJeuneDossier, type RequestOrigin } from '../../platform/audit';
import { notFound, problem } from '../../platform/errors';
import type { SessionUser } from '../../platform/session-user';
import { type AccessReasons, pieceVisibleTo, requireAccessReason } from './dossier-access';
import { refreshDossierDerived } from './dossier-derived';
import type { ContenuPiece, JeuneCible, Piece, PiecesRepository } from './pieces.repository';

/** Who is acting: the signed-in user, the Missions Locales they may touch and where the request came from. */
export interface PiecesCaller {
  readonly user: SessionUser;
  /** `null`: every Mission Locale. */
  readonly scope: readonly string[] | null;
  readonly origin: RequestOrigin;
  /** Why the caller opens dossiers outside their portfolio, as given in this session. */
  readonly reasons: AccessReasons;
}

/** What the pièce use cases need. */
export interface PiecesDeps {
  readonly ctx: AppContext;
  readonly repository: PiecesRepository;
}

/** A file as the upload received it: its bytes and the name the sender gave it. */
export interface FichierRecu {
  readonly contenu: Buffer;
  readonly nomOriginal: string;
}

const JEUNE_NOT_FOUND = "Ce dossier n'existe pas.";
const PIECE_NOT_FOUND = "Cette pièce n'existe pas.";

const FORMATS = 'Formats acceptés : PDF, JPEG, PNG.';

/**
 * The jeune of the caller's Missions Locales the pièces belong to (404 otherwise), once the portfolio rule is met:
 * the pièces are part of the dossier, opened under the same conditions.
 */
const jeuneOpenedBy = async (
  repository: PiecesRepository,
  caller: PiecesCaller,
  jeuneId: string,
  options?: Parameters<PiecesRepository['findJeune']>[2],
): Promise<JeuneCible> => {
  const jeune = await repository.findJeune(jeuneId, caller.scope, options);
  if (!jeune) {
    throw notFound(JEUNE_NOT_FOUND);
  }
  requireAccessReason(jeune, caller.user, caller.reasons);
  return jeune;
};

/** A pièce as the PWA reads it (in its list and in the dossier). */
export const toPieceDto = (piece: Piece): PieceDto => ({
  id: piece.id,
  type: piece.type,
  nomFichier: piece.nomFichier,
  mime: piece.mime,
  taille: piece.taille,
  statut: piece.statut,
  motifRefus: piece.motifRefus,
  deposeeLe: piece.deposeeLe.toISOString(),
  deposeePar: piece.deposeePar === null ? null : { ...piece.deposeePar },
  decideeLe: piece.decideeLe?.toISOString() ?? null,
  decideePar: piece.decideePar === null ? null : { ...piece.decideePar },
});

const auteurOf = ({ user }: PiecesCaller) => ({ id: user.id, prenom: user.prenom, nom: user.nom });

// Filed under the jeune's Mission Locale, so that its audit log shows who touched the dossier. Details name the pièce
// and its kind, never the file name nor a refusal's motif: both may hold personal data.
const auditOn = (caller: PiecesCaller, jeune: JeuneCible, details: Readonly<Record<string, unknown>>) =>
  onJeuneDossier(actedBy(caller.user, caller.origin), jeune, details);

/**
 * Stores a pièce for a jeune of the caller's Missions Locales, waiting for a conseiller's decision. Its type comes
 * from its first bytes, whatever its name or the browser's Content-Type say: anything but PDF, JPEG or PNG is
 * refused (415) and nothing is written.
 */
export const uploadPiece = async (
  { ctx, repository }: PiecesDeps,
  caller: PiecesCaller,
  jeuneId: string,
  upload: { readonly type: TypePiece; readonly fichier: FichierRecu },
): Promise<PieceDto> =>
  ctx.db.sequelize.transaction(async (transaction) => {
    const jeune = await jeuneOpenedBy(repository, caller, jeuneId, { transaction, lock: true });
    const mime = mimeFromBytes(upload.fichier.contenu);
    if (mime === null) {
      throw problem(PROBLEM_CODES.unsupportedMediaType, FORMATS);
    }
    const { contenu } = upload.fichier;
    const piece: Piece = {
      id: randomUUID(),
      type: upload.type,
      nomFichier: nomFichierSur(upload.fichier.nomOriginal),
      mime,
      taille: contenu.length,
      statut: 'A_VALIDER',
      motifRefus: null,
      deposeeLe: ctx.clock.now(),
      deposeePar: auteurOf(caller),
      decideeLe: null,
      decideePar: null,
    };
    await repository.insert(
      {
        ...piece,
        jeuneId: jeune.id,
        contenu,
        sha256: createHash('sha256').update(contenu).digest('hex'),
        deposeePar: caller.user.id,
      },
      transaction,
    );
    await refreshDossierDerived(ctx.db.sequelize, jeune.id, { transaction, now: piece.deposeeLe });
    await ctx.audit.record(
      { action: 'pieces.upload', ...auditOn(caller, jeune, { pieceId: piece.id, type: piece.type, mime, taille: piece.taille }) },
      transaction,
    );
    return toPieceDto(piece);
  });

/** The pièces of a jeune of the caller's Missions Locales, latest first. */
export const listPieces = async ({ ctx, repository }: PiecesDeps, caller: PiecesCaller, jeuneId: string): Promise<PieceDto[]> => {
  const jeune = await jeuneOpenedBy(repository, caller, jeuneId);
  const pieces = (await repository.listOf(jeune.id)).filter((piece) => pieceVisibleTo(caller.user.roles, piece.type));
  await ctx.audit.record({ action: 'pieces.list', ...auditOn(caller, jeune, { pieces: pieces.length }) });
  return pieces.map(toPieceDto);
};

/** The bytes of one pièce of a jeune of the caller's Missions Locales, with what the download headers need. */
export const readPieceContenu = async (
  { ctx, repository }: PiecesDeps,
  caller: PiecesCaller,
  jeuneId: string,
  pieceId: string,
): Promise<ContenuPiece> => {
  const jeune = await jeuneOpenedBy(repository, caller, jeuneId);
  const contenu = await repository.findContenu(jeune.id, pieceId);
  // Only the three sniffed types were ever stored (the table checks it); anything else must not reach a browser.
  if (!contenu || !(MIME_PIECES as readonly string[]).includes(contenu.mime) || !pieceVisibleTo(caller.user.roles, contenu.type)) {
    throw notFound(PIECE_NOT_FOUND);
  }
  await ctx.audit.record({ action: 'pieces.read', ...auditOn(caller, jeune, { pieceId, type: contenu.type, mime: contenu.mime }) });
  return contenu;
};

/**
 * A conseiller validates or refuses a pièce; the dossier's completeness follows in the same transaction. Deciding
 * again is allowed (a conseiller corrects a mistake): the latest decision stands and the audit keeps the earlier one.
 */
export const decidePiece = async (
  { ctx, repository }: PiecesDeps,
  caller: PiecesCaller,
  ids: { readonly jeuneId: string; readonly pieceId: string },
  decision: PieceDecision,
): Promise<PieceDto> =>
  ctx.db.sequelize.transaction(async (transaction) => {
    const jeune = await jeuneOpenedBy(repository, caller, ids.jeuneId, { transaction, lock: true });
    const piece = await repository.find(jeune.id, ids.pieceId, transaction);
    if (!piece) {
      throw notFound(PIECE_NOT_FOUND);
    }
    const now = ctx.clock.now();
    const motifRefus = decision.decision === 'REFUSEE' ? decision.motif : null;
    await repository.decide(piece.id, { statut: decision.decision, motifRefus, decideeLe: now, decideePar: caller.user.id }, transaction);
    await refreshDossierDerived(ctx.db.sequelize, jeune.id, { transaction, now });
    await ctx.audit.record(
      {
        action: 'pieces.decision',
        ...auditOn(caller, jeune, {
          pieceId: piece.id,
          type: piece.type,
          decision: decision.decision,
          statutPrecedent: piece.statut,
          ...(piece.decideePar ? { decideePrecedemmentPar: piece.decideePar.id } : {}),
        }),
      },
      transaction,
    );
    return toPieceDto({ ...piece, statut: decision.decision, motifRefus, decideeLe: now, decideePar: auteurOf(caller) });
  });
