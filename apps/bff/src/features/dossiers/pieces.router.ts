import { type Request, type RequestHandler, Router } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { CAPABILITIES, PIECE_MAX_BYTES, type PieceDecision, pieceDecisionSchema, pieceUploadSchema, PROBLEM_CODES } from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { requestOrigin } from '../../platform/audit';
import { type AppError, invalidField, invalidFields, problem } from '../../platform/errors';
import { currentUser, requireCapability } from '../../platform/guards';
import { missionLocaleScope } from '../../platform/tenancy';
import { toFieldErrors, validated, validateBody, validateParams } from '../../platform/validate';
import { accessReasonsOf } from './dossier-access';
import { PiecesRepository } from './pieces.repository';
import { decidePiece, listPieces, type PiecesCaller, readPieceContenu, uploadPiece } from './pieces.service';

/** Path parameters of the routes about a jeune's pièces. */
const jeunePiecesParamsSchema = z.object({ id: z.uuid("L'identifiant du dossier est invalide.") });
/** Path parameters of the routes about one pièce. */
const pieceParamsSchema = jeunePiecesParamsSchema.extend({ pieceId: z.uuid("L'identifiant de la pièce est invalide.") });
type JeunePiecesParams = z.infer<typeof jeunePiecesParamsSchema>;
type PieceParams = z.infer<typeof pieceParamsSchema>;

/** The multipart field that carries the file. */
const FICHIER_FIELD = 'fichier';

const TOO_LARGE = 'La pièce dépasse 10 Mo.';
const UNREADABLE = "Le formulaire envoyé est illisible : joignez le fichier dans le champ « fichier » et le type dans « type ».";

// One file of at most 10 MB, kept in memory (it goes to PostgreSQL, never to disk), and room for the `type` field
// and a few stray ones, which the schema then names; reading stops at the first byte past a limit. File names are
// read as UTF-8, as browsers send them.
const receiveFichier = multer({
  storage: multer.memoryStorage(),
  limits: { files: 1, fileSize: PIECE_MAX_BYTES, fields: 4, parts: 5, fieldNameSize: 100, fieldSize: 1024, headerPairs: 20 },
  defParamCharset: 'utf8',
}).single(FICHIER_FIELD);

/** The problem answering a multer or multipart parser failure (never a 500: they are the sender's doing). */
const uploadProblem = (error: unknown): AppError => {
  const code = error instanceof multer.MulterError ? error.code : null;
  switch (code) {
    case 'LIMIT_FILE_SIZE':
      return problem(PROBLEM_CODES.payloadTooLarge, TOO_LARGE);
    case 'LIMIT_FILE_COUNT':
    case 'LIMIT_UNEXPECTED_FILE':
      return invalidField(FICHIER_FIELD, 'Joignez un seul fichier, dans le champ « fichier ».');
    case 'LIMIT_PART_COUNT':
    case 'LIMIT_FIELD_COUNT':
      return invalidFields([{ path: '(corps)', message: 'Le formulaire compte trop de champs.' }]);
    case 'LIMIT_FIELD_KEY':
    case 'LIMIT_FIELD_VALUE':
      return invalidFields([{ path: '(corps)', message: 'Un champ du formulaire est trop long.' }]);
    default:
      // Busboy's own errors (no boundary, truncated body, client gone): a form that cannot be read.
      return invalidFields([{ path: '(corps)', message: UNREADABLE }]);
  }
};

/** Reads the multipart body into `req.file` and `req.body`; its failures become problems. */
const receivePiece: RequestHandler = (req, res, next) => {
  receiveFichier(req, res, (error: unknown) => {
    next(error === undefined || error === null ? undefined : uploadProblem(error));
  });
};

/** The upload's fields and file, or one 400 listing every failing part. */
const uploadOf = (req: Request) => {
  const fields = pieceUploadSchema.safeParse(req.body ?? {});
  const errors = fields.success ? [] : toFieldErrors(fields.error);
  if (!req.file) {
    errors.push({ path: FICHIER_FIELD, message: 'Joignez le fichier de la pièce.' });
  } else if (req.file.size === 0) {
    errors.push({ path: FICHIER_FIELD, message: 'Le fichier est vide.' });
  }
  if (!fields.success || !req.file || errors.length > 0) {
    throw invalidFields(errors);
  }
  return { type: fields.data.type, fichier: { contenu: req.file.buffer, nomOriginal: req.file.originalname } };
};

/** `filename*` of RFC 6266/8187: UTF-8, percent-encoded, with a plain ASCII `filename` for old clients. */
const contentDisposition = (nomFichier: string): string => {
  const ascii = nomFichier.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\%]/g, '_') || 'piece';
  const encoded = encodeURIComponent(nomFichier).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${ascii}"; filename*=UTF-8''${encoded}`;
};

const callerOf = (req: Request): PiecesCaller => ({
  user: currentUser(req),
  scope: missionLocaleScope(req),
  origin: requestOrigin(req),
  reasons: accessReasonsOf(req),
});

/** A jeune's pièces justificatives (#3): upload, list, read the bytes, decide. */
export const piecesRouter = (ctx: AppContext): Router => {
  const deps = { ctx, repository: new PiecesRepository(ctx.db.sequelize) };
  const upload = requireCapability(CAPABILITIES.piecesUpload);
  const router = Router();

  router.post('/jeunes/:id/pieces', upload, validateParams(jeunePiecesParamsSchema), receivePiece, async (req, res) => {
    const { id } = validated<JeunePiecesParams>(req, 'params');
    res.status(201).json(await uploadPiece(deps, callerOf(req), id, uploadOf(req)));
  });

  router.get('/jeunes/:id/pieces', upload, validateParams(jeunePiecesParamsSchema), async (req, res) => {
    const pieces = await listPieces(deps, callerOf(req), validated<JeunePiecesParams>(req, 'params').id);
    // File names of a jeune's documents: no copy in any browser or proxy cache.
    res.setHeader('Cache-Control', 'no-store');
    res.json(pieces);
  });

  router.get('/jeunes/:id/pieces/:pieceId/contenu', upload, validateParams(pieceParamsSchema), async (req, res) => {
    const { id, pieceId } = validated<PieceParams>(req, 'params');
    const piece = await readPieceContenu(deps, callerOf(req), id, pieceId);
    // The type the bytes were sniffed as, never guessed again by the browser; shown inline but inert: no script,
    // no subresource, no form, and no cached copy of an identity document.
    res.setHeader('Content-Type', piece.mime);
    res.setHeader('Content-Length', String(piece.contenu.length));
    res.setHeader('Content-Disposition', contentDisposition(piece.nomFichier));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox; frame-ancestors 'self'");
    res.end(piece.contenu);
  });

  router.post(
    '/jeunes/:id/pieces/:pieceId/decision',
    requireCapability(CAPABILITIES.piecesValidate),
    validateParams(pieceParamsSchema),
    validateBody(pieceDecisionSchema),
    async (req, res) => {
      const { id, pieceId } = validated<PieceParams>(req, 'params');
      res.json(await decidePiece(deps, callerOf(req), { jeuneId: id, pieceId }, req.body as PieceDecision));
    },
  );

  return router;
};
