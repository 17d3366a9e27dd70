import { createHash, randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import type { Response } from 'supertest';
import { CAPABILITIES, can, PIECE_MAX_BYTES, type Role } from '@imilo/domain';
import { aJeune, aMissionLocale, aPiece, auditRows, aUser, TINY_PNG, withCompletFields } from '../support/builders';
import { capturedLogs, createTestApp, signedIn, TestClock } from '../support/test-app';

// Real files, as small as their formats allow: what matters is their first bytes, which the BFF reads.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 3 3]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
const JPEG = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9,
]);
const HTML = Buffer.from('<!doctype html><script>fetch("/api/v1/me").then(r => r.text()).then(alert)</script>', 'utf8');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(126, 0x90), Buffer.from('PE\0\0')]);

/** A file of exactly `size` bytes that starts like a PDF. */
const pdfOfSize = (size: number): Buffer => {
  const bytes = Buffer.alloc(size, 0x20);
  PDF.copy(bytes, 0, 0, 8);
  return bytes;
};

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

type Client = Awaited<ReturnType<typeof signedIn>>;

interface Fichier {
  readonly bytes: Buffer;
  readonly filename: string;
  readonly contentType: string;
}

const aFichier = (bytes: Buffer, filename: string, contentType: string): Fichier => ({ bytes, filename, contentType });

/** The multipart upload the PWA sends: the `type` field and the file, with the CSRF header. */
const upload = (client: Client, jeuneId: string, fichier: Fichier | null, type: string | null = 'IDENTITE') => {
  let req = client.agent.post(`/api/v1/jeunes/${jeuneId}/pieces`).set('X-XSRF-TOKEN', client.token);
  if (type !== null) {
    req = req.field('type', type);
  }
  return fichier === null ? req : req.attach('fichier', fichier.bytes, { filename: fichier.filename, contentType: fichier.contentType });
};

const list = (client: Client, jeuneId: string) => client.agent.get(`/api/v1/jeunes/${jeuneId}/pieces`);

const contenu = (client: Client, jeuneId: string, pieceId: string) =>
  client.agent
    .get(`/api/v1/jeunes/${jeuneId}/pieces/${pieceId}/contenu`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      // Problems stay JSON; anything else is kept as the raw bytes.
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        done(null, /json/.test(String(res.headers['content-type'])) ? JSON.parse(bytes.toString('utf8')) : bytes);
      });
    });

const decide = (client: Client, jeuneId: string, pieceId: string, body: object) =>
  client.post(`/api/v1/jeunes/${jeuneId}/pieces/${pieceId}/decision`, body);

const piecesOf = (sequelize: Sequelize, jeuneId: string) =>
  sequelize.query<{ id: string; type: string; nom_fichier: string; mime: string; taille: number; sha256: string; statut: string }>(
    'SELECT id, type, nom_fichier, mime, taille, sha256, statut FROM piece_justificative WHERE jeune_id = :jeuneId ORDER BY deposee_le',
    { type: QueryTypes.SELECT, replacements: { jeuneId } },
  );

const completudeOf = async (sequelize: Sequelize, jeuneId: string): Promise<string> =>
  (
    await sequelize.query<{ completude: string }>('SELECT completude FROM jeune WHERE id = :jeuneId', {
      type: QueryTypes.SELECT,
      replacements: { jeuneId },
    })
  )[0]!.completude;

const problemOf = (res: Response) => ({ status: res.status, code: res.body.code as string | undefined });

/** A Mission Locale with a jeune's dossier, and a signed-in staff member for each role asked for. */
const aDossier = async () => {
  const clock = new TestClock();
  const { app, db } = createTestApp({ clock });
  const ml = await aMissionLocale(db.sequelize);
  const jeune = await aJeune(db.sequelize, ml);
  // Readers of the whole dossier open it outside their portfolio: they give their reason first, as the PWA asks.
  const staff = async (roles: Role[], options: { reason?: boolean } = {}) => {
    const user = await aUser(db.sequelize, ml, { roles, prenom: 'Inès', nom: 'Grondin' });
    const client = await signedIn(app, user.login);
    if (can(roles, CAPABILITIES.dossiersRead) && (options.reason ?? true)) {
      expect((await client.post(`/api/v1/jeunes/${jeune.id}/acces`, { motif: 'Vérification des pièces du dossier' })).status).toBe(204);
    }
    return { ...user, client };
  };
  return { app, db, clock, ml, jeune, staff, sequelize: db.sequelize };
};

const uploaded = async (res: Response): Promise<{ id: string }> => {
  expect(res.status).withContext(JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string };
};

describe('pièces justificatives (/api/v1/jeunes/:id/pieces)', () => {
  describe('upload', () => {
    it('when a conseiller uploads a PDF, a JPEG and a PNG, each is stored à valider with its sniffed type, size and sha256', async () => {
      const { jeune, staff, sequelize, clock } = await aDossier();
      const conseiller = await staff(['conseiller']);

      const results = [];
      for (const [fichier, type] of [
        [aFichier(PDF, 'cni.pdf', 'application/pdf'), 'IDENTITE'],
        [aFichier(JPEG, 'facture.jpg', 'image/jpeg'), 'DOMICILE'],
        [aFichier(TINY_PNG, 'rqth.png', 'image/png'), 'RQTH'],
      ] as const) {
        results.push(await upload(conseiller.client, jeune.id, fichier, type));
        clock.advanceMinutes(1);
      }

      for (const res of results) {
        expect(res.status).withContext(JSON.stringify(res.body)).toBe(201);
      }
      expect(results.map((res) => res.body)).toEqual([
        jasmine.objectContaining({ type: 'IDENTITE', nomFichier: 'cni.pdf', mime: 'application/pdf', taille: PDF.length, statut: 'A_VALIDER' }),
        jasmine.objectContaining({ type: 'DOMICILE', nomFichier: 'facture.jpg', mime: 'image/jpeg', taille: JPEG.length, statut: 'A_VALIDER' }),
        jasmine.objectContaining({ type: 'RQTH', nomFichier: 'rqth.png', mime: 'image/png', taille: TINY_PNG.length, statut: 'A_VALIDER' }),
      ]);
      expect(results[0]!.body).toEqual({
        id: jasmine.any(String),
        type: 'IDENTITE',
        nomFichier: 'cni.pdf',
        mime: 'application/pdf',
        taille: PDF.length,
        statut: 'A_VALIDER',
        motifRefus: null,
        deposeeLe: jasmine.any(String),
        deposeePar: { id: conseiller.id, prenom: 'Inès', nom: 'Grondin' },
        decideeLe: null,
        decideePar: null,
      });
      const stored = await piecesOf(sequelize, jeune.id);
      expect(stored.map((piece) => [piece.mime, piece.taille, piece.sha256, piece.statut])).toEqual([
        ['application/pdf', PDF.length, sha256(PDF), 'A_VALIDER'],
        ['image/jpeg', JPEG.length, sha256(JPEG), 'A_VALIDER'],
        ['image/png', TINY_PNG.length, sha256(TINY_PNG), 'A_VALIDER'],
      ]);
    });

    it('when a chargé d’accueil uploads a pièce, it is stored; a direction user is refused with 403 and nothing is stored', async () => {
      const { jeune, staff, sequelize } = await aDossier();
      const accueil = await staff(['charge_accueil']);
      const direction = await staff(['direction']);

      const byAccueil = await upload(accueil.client, jeune.id, aFichier(TINY_PNG, 'cni.png', 'image/png'));
      const byDirection = await upload(direction.client, jeune.id, aFichier(TINY_PNG, 'cni.png', 'image/png'));

      expect(byAccueil.status).toBe(201);
      expect(problemOf(byDirection)).toEqual({ status: 403, code: 'forbidden' });
      expect((await piecesOf(sequelize, jeune.id)).length).toBe(1);
    });

    it('when an HTML page or an executable is renamed .pdf and declared application/pdf, it answers 415 and stores nothing', async () => {
      const { jeune, staff, sequelize } = await aDossier();
      const conseiller = await staff(['conseiller']);

      for (const bytes of [HTML, EXE]) {
        const res = await upload(conseiller.client, jeune.id, aFichier(bytes, 'attestation.pdf', 'application/pdf'));

        expect(problemOf(res)).toEqual({ status: 415, code: 'unsupported-media-type' });
        expect(res.type).toBe('application/problem+json');
        expect(res.body.detail).toBe('Formats acceptés : PDF, JPEG, PNG.');
      }
      expect(await piecesOf(sequelize, jeune.id)).toEqual([]);
      expect(await auditRows(sequelize, { targetId: jeune.id, action: 'pieces.upload' })).toEqual([]);
    });

    it('when the file is 10 MB and one byte, it answers 413 and stores nothing; exactly 10 MB is stored', async () => {
      const { jeune, staff, sequelize } = await aDossier();
      const conseiller = await staff(['conseiller']);

      const tooLarge = await upload(conseiller.client, jeune.id, aFichier(pdfOfSize(PIECE_MAX_BYTES + 1), 'gros.pdf', 'application/pdf'));

      expect(problemOf(tooLarge)).toEqual({ status: 413, code: 'payload-too-large' });
      expect(tooLarge.body.detail).toBe('La pièce dépasse 10 Mo.');
      expect(await piecesOf(sequelize, jeune.id)).toEqual([]);

      const largest = await upload(conseiller.client, jeune.id, aFichier(pdfOfSize(PIECE_MAX_BYTES), 'juste.pdf', 'application/pdf'));

      expect(largest.status).withContext(JSON.stringify(largest.body)).toBe(201);
      expect(largest.body.taille).toBe(PIECE_MAX_BYTES);
      expect((await piecesOf(sequelize, jeune.id)).map((piece) => piece.taille)).toEqual([PIECE_MAX_BYTES]);
    }, 30_000);

    it('when the file or a valid type is missing, or the file is empty, it answers 400 naming the field and stores nothing', async () => {
      const { jeune, staff, sequelize } = await aDossier();
      const conseiller = await staff(['conseiller']);
      const png = aFichier(TINY_PNG, 'cni.png', 'image/png');

      const cases: [Promise<Response>, string[]][] = [
        [upload(conseiller.client, jeune.id, null), ['fichier']],
        [upload(conseiller.client, jeune.id, png, 'PERMIS_DE_PECHE'), ['type']],
        [upload(conseiller.client, jeune.id, png, null), ['type']],
        [upload(conseiller.client, jeune.id, null, null), ['type', 'fichier']],
        [upload(conseiller.client, jeune.id, aFichier(Buffer.alloc(0), 'vide.pdf', 'application/pdf')), ['fichier']],
        [conseiller.client.post(`/api/v1/jeunes/${jeune.id}/pieces`, { type: 'IDENTITE' }), ['fichier']],
      ];
      for (const [pending, paths] of cases) {
        const res = await pending;

        expect(problemOf(res)).withContext(JSON.stringify(res.body)).toEqual({ status: 400, code: 'validation-failed' });
        expect((res.body.errors as { path: string }[]).map((error) => error.path)).toEqual(paths);
      }
      expect(await piecesOf(sequelize, jeune.id)).toEqual([]);
    });

    it('when the form is malformed, has two files or a file under another name, it answers 400, never 500', async () => {
      const { jeune, staff, sequelize } = await aDossier();
      const conseiller = await staff(['conseiller']);
      const url = `/api/v1/jeunes/${jeune.id}/pieces`;

      const twoFiles = await upload(conseiller.client, jeune.id, aFichier(TINY_PNG, 'a.png', 'image/png')).attach('fichier', TINY_PNG, 'b.png');
      const otherField = await conseiller.client.agent
        .post(url)
        .set('X-XSRF-TOKEN', conseiller.client.token)
        .field('type', 'IDENTITE')
        .attach('document', TINY_PNG, 'a.png');
      const truncated = await conseiller.client.agent
        .post(url)
        .set('X-XSRF-TOKEN', conseiller.client.token)
        .set('Content-Type', 'multipart/form-data; boundary=xyz')
        .send('--xyz\r\nContent-Disposition: form-data; name="fichier"; filename="a.png"\r\n\r\n\x89PNG');
      const noBoundary = await conseiller.client.agent
        .post(url)
        .set('X-XSRF-TOKEN', conseiller.client.token)
        .set('Content-Type', 'multipart/form-data')
        .send('nothing');

      for (const res of [twoFiles, otherField, truncated, noBoundary]) {
        expect(problemOf(res)).withContext(JSON.stringify(res.body)).toEqual({ status: 400, code: 'validation-failed' });
      }
      expect(await piecesOf(sequelize, jeune.id)).toEqual([]);
    });

    it('when a multipart upload lacks the X-XSRF-TOKEN header, it answers 403 and stores nothing', async () => {
      const { jeune, staff, sequelize } = await aDossier();
      const conseiller = await staff(['conseiller']);

      const res = await conseiller.client.agent
        .post(`/api/v1/jeunes/${jeune.id}/pieces`)
        .field('type', 'IDENTITE')
        .attach('fichier', TINY_PNG, 'cni.png');

      expect(problemOf(res)).toEqual({ status: 403, code: 'csrf-token-invalid' });
      expect(await piecesOf(sequelize, jeune.id)).toEqual([]);
    });

    it('when the file name carries a path and control characters, only a safe name is kept', async () => {
      const { jeune, staff } = await aDossier();
      const conseiller = await staff(['conseiller']);

      const res = await upload(conseiller.client, jeune.id, aFichier(PDF, 'C:\\Users\\camille\\Pièce\u202Efdp.exe', 'application/pdf'));

      expect(res.status).toBe(201);
      expect(res.body.nomFichier).toBe('Piècefdp.exe');
    });
  });

  describe('list and download', () => {
    it('when a conseiller has not said why they open a dossier outside their portfolio, its pièces stay closed', async () => {
      const { jeune, staff, sequelize } = await aDossier();
      const referent = await staff(['conseiller'], { reason: false });
      const other = await staff(['conseiller'], { reason: false });
      await sequelize.query('UPDATE jeune SET referent_id = :referent WHERE id = :id', { replacements: { referent: referent.id, id: jeune.id } });
      const piece = await uploaded(await upload(referent.client, jeune.id, aFichier(PDF, 'cni.pdf', 'application/pdf')));

      for (const res of [
        await list(other.client, jeune.id),
        await contenu(other.client, jeune.id, piece.id),
        await upload(other.client, jeune.id, aFichier(PDF, 'cni.pdf', 'application/pdf')),
        await decide(other.client, jeune.id, piece.id, { decision: 'VALIDEE' }),
      ]) {
        expect(problemOf(res)).toEqual({ status: 403, code: 'motif-acces-requis' });
      }
      expect((await list(referent.client, jeune.id)).status).toBe(200);
      expect((await piecesOf(sequelize, jeune.id)).length).toBe(1);
    });

    it('when a chargé d’accueil lists the pièces, only those of identity and address show, like in the dossier', async () => {
      const { jeune, staff } = await aDossier();
      const conseiller = await staff(['conseiller']);
      const accueil = await staff(['charge_accueil']);
      const rqth = await uploaded(await upload(conseiller.client, jeune.id, aFichier(PDF, 'rqth.pdf', 'application/pdf'), 'RQTH'));
      const cni = await uploaded(await upload(conseiller.client, jeune.id, aFichier(PDF, 'cni.pdf', 'application/pdf'), 'IDENTITE'));

      expect(((await list(accueil.client, jeune.id)).body as { id: string }[]).map((piece) => piece.id)).toEqual([cni.id]);
      expect((await contenu(accueil.client, jeune.id, rqth.id)).status).toBe(404);
      expect((await contenu(accueil.client, jeune.id, cni.id)).status).toBe(200);
    });

    it('when a chargé d’accueil lists the pièces, they come newest first, never cached', async () => {
      const { jeune, staff, clock } = await aDossier();
      const accueil = await staff(['charge_accueil']);
      const first = await uploaded(await upload(accueil.client, jeune.id, aFichier(PDF, 'cni.pdf', 'application/pdf')));
      clock.advanceMinutes(5);
      const second = await uploaded(await upload(accueil.client, jeune.id, aFichier(JPEG, 'edf.jpg', 'image/jpeg'), 'DOMICILE'));

      const res = await list(accueil.client, jeune.id);

      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect((res.body as { id: string }[]).map((piece) => piece.id)).toEqual([second.id, first.id]);
    });

    it('when a pièce is downloaded, the bytes are the ones uploaded, with the sniffed type and inert, uncached headers', async () => {
      const { jeune, staff } = await aDossier();
      const conseiller = await staff(['conseiller']);
      const nom = 'Justificatif d’été n°1.pdf';
      const piece = await uploaded(await upload(conseiller.client, jeune.id, aFichier(PDF, nom, 'text/html')));

      const res = await contenu(conseiller.client, jeune.id, piece.id);

      expect(res.status).toBe(200);
      expect(sha256(res.body as Buffer)).toBe(sha256(PDF));
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['content-security-policy']).toContain('sandbox');
      expect(res.headers['content-disposition']).toBe(
        `inline; filename="Justificatif dete n1.pdf"; filename*=UTF-8''${encodeURIComponent(nom)}`,
      );
    });
  });

  describe('decision', () => {
    it('when a conseiller validates, then refuses with a motif, the pièce follows and each decision is audited with the one before', async () => {
      const { jeune, staff, sequelize } = await aDossier();
      const conseiller = await staff(['conseiller']);
      const piece = await uploaded(await upload(conseiller.client, jeune.id, aFichier(PDF, 'cni.pdf', 'application/pdf')));

      const validated = await decide(conseiller.client, jeune.id, piece.id, { decision: 'VALIDEE' });
      const refused = await decide(conseiller.client, jeune.id, piece.id, { decision: 'REFUSEE', motif: 'Pièce expirée.' });

      expect(validated.status).toBe(200);
      expect(validated.body).toEqual(
        jasmine.objectContaining({ statut: 'VALIDEE', motifRefus: null, decideePar: { id: conseiller.id, prenom: 'Inès', nom: 'Grondin' } }),
      );
      expect(refused.status).toBe(200);
      expect(refused.body).toEqual(jasmine.objectContaining({ statut: 'REFUSEE', motifRefus: 'Pièce expirée.', decideeLe: jasmine.any(String) }));
      expect((await piecesOf(sequelize, jeune.id))[0]!.statut).toBe('REFUSEE');
      const decisions = await auditRows(sequelize, { targetId: jeune.id, action: 'pieces.decision' });
      expect(decisions.map((row) => row['details'])).toEqual([
        { pieceId: piece.id, type: 'IDENTITE', decision: 'VALIDEE', statutPrecedent: 'A_VALIDER' },
        { pieceId: piece.id, type: 'IDENTITE', decision: 'REFUSEE', statutPrecedent: 'VALIDEE', decideePrecedemmentPar: conseiller.id },
      ]);
      expect(JSON.stringify(decisions)).not.toContain('expirée');
    });

    it('when a refusal has no motif, it answers 400 on motif and the pièce stays à valider', async () => {
      const { jeune, staff, sequelize } = await aDossier();
      const conseiller = await staff(['conseiller']);
      const piece = await aPiece(sequelize, jeune);

      const res = await decide(conseiller.client, jeune.id, piece.id, { decision: 'REFUSEE' });

      expect(problemOf(res)).toEqual({ status: 400, code: 'validation-failed' });
      expect((res.body.errors as { path: string }[]).map((error) => error.path)).toEqual(['motif']);
      expect((await piecesOf(sequelize, jeune.id))[0]!.statut).toBe('A_VALIDER');
    });

    it('when a chargé d’accueil tries to decide, it answers 403 and the pièce stays à valider', async () => {
      const { jeune, staff, sequelize } = await aDossier();
      const accueil = await staff(['charge_accueil']);
      const piece = await aPiece(sequelize, jeune);

      const res = await decide(accueil.client, jeune.id, piece.id, { decision: 'VALIDEE' });

      expect(problemOf(res)).toEqual({ status: 403, code: 'forbidden' });
      expect((await piecesOf(sequelize, jeune.id))[0]!.statut).toBe('A_VALIDER');
    });

    it('when every « complet » field is filled and IDENTITE then DOMICILE are validated, the dossier becomes « justifié »', async () => {
      const { jeune, staff, sequelize } = await aDossier();
      const conseiller = await staff(['conseiller']);
      await sequelize.query(`UPDATE jeune SET date_naissance = '2000-01-01' WHERE id = :id`, { replacements: { id: jeune.id } });
      await withCompletFields(sequelize, jeune);
      const identite = await uploaded(await upload(conseiller.client, jeune.id, aFichier(PDF, 'cni.pdf', 'application/pdf'), 'IDENTITE'));
      const domicile = await uploaded(await upload(conseiller.client, jeune.id, aFichier(JPEG, 'edf.jpg', 'image/jpeg'), 'DOMICILE'));

      expect(await completudeOf(sequelize, jeune.id)).toBe('complet');

      expect((await decide(conseiller.client, jeune.id, identite.id, { decision: 'VALIDEE' })).status).toBe(200);
      expect(await completudeOf(sequelize, jeune.id)).toBe('complet');

      expect((await decide(conseiller.client, jeune.id, domicile.id, { decision: 'VALIDEE' })).status).toBe(200);
      expect(await completudeOf(sequelize, jeune.id)).toBe('justifie');

      expect((await decide(conseiller.client, jeune.id, domicile.id, { decision: 'REFUSEE', motif: 'Illisible.' })).status).toBe(200);
      expect(await completudeOf(sequelize, jeune.id)).toBe('complet');
    });
  });

  describe('scope', () => {
    it('when the jeune belongs to another Mission Locale, or the pièce to another jeune, every route answers 404 and changes nothing', async () => {
      const { jeune, ml, staff, sequelize } = await aDossier();
      const conseiller = await staff(['conseiller']);
      const sibling = await aJeune(sequelize, ml);
      const siblingPiece = await aPiece(sequelize, sibling);
      const other = await aMissionLocale(sequelize);
      const foreign = await aJeune(sequelize, other);
      const foreignPiece = await aPiece(sequelize, foreign);
      const png = aFichier(TINY_PNG, 'cni.png', 'image/png');
      const before = { foreign: await piecesOf(sequelize, foreign.id), sibling: await piecesOf(sequelize, sibling.id) };

      const attempts: [string, () => Promise<Response>][] = [
        ['upload to a foreign jeune', () => upload(conseiller.client, foreign.id, png)],
        ['upload to an unknown jeune', () => upload(conseiller.client, randomUUID(), png)],
        ['list a foreign jeune', () => list(conseiller.client, foreign.id)],
        ['download a foreign pièce', () => contenu(conseiller.client, foreign.id, foreignPiece.id)],
        ['download another jeune’s pièce', () => contenu(conseiller.client, jeune.id, siblingPiece.id)],
        ['download an unknown pièce', () => contenu(conseiller.client, jeune.id, randomUUID())],
        ['decide a foreign pièce', () => decide(conseiller.client, foreign.id, foreignPiece.id, { decision: 'VALIDEE' })],
        ['decide another jeune’s pièce', () => decide(conseiller.client, jeune.id, siblingPiece.id, { decision: 'VALIDEE' })],
      ];
      for (const [scenario, attempt] of attempts) {
        const res = await attempt();

        expect(problemOf(res)).withContext(scenario).toEqual({ status: 404, code: 'not-found' });
      }
      expect({ foreign: await piecesOf(sequelize, foreign.id), sibling: await piecesOf(sequelize, sibling.id) }).toEqual(before);
      expect(await piecesOf(sequelize, jeune.id)).toEqual([]);
      expect(await auditRows(sequelize, { targetId: foreign.id })).toEqual([]);
    });
  });

  describe('audit', () => {
    it('when pièces are uploaded, listed, read and decided, each act is audited on the jeune, without the file name', async () => {
      const { jeune, ml, staff, sequelize } = await aDossier();
      const conseiller = await staff(['conseiller']);
      const nom = 'Passeport-Nathanaël-TECHER-1999.pdf';

      const piece = await uploaded(await upload(conseiller.client, jeune.id, aFichier(PDF, nom, 'application/pdf')));
      await list(conseiller.client, jeune.id);
      await contenu(conseiller.client, jeune.id, piece.id);
      await decide(conseiller.client, jeune.id, piece.id, { decision: 'VALIDEE' });

      // After the reason given for opening the dossier (its own row, `dossiers.access-reason`).
      const rows = (await auditRows(sequelize, { targetId: jeune.id })).filter((row) => String(row['action']).startsWith('pieces.'));
      expect(rows.map((row) => [row['action'], row['actor_id'], row['mission_locale_id'], row['target_type'], row['outcome']])).toEqual([
        ['pieces.upload', conseiller.id, ml.id, 'jeune', 'success'],
        ['pieces.list', conseiller.id, ml.id, 'jeune', 'success'],
        ['pieces.read', conseiller.id, ml.id, 'jeune', 'success'],
        ['pieces.decision', conseiller.id, ml.id, 'jeune', 'success'],
      ]);
      expect(rows[0]!['details']).toEqual({ pieceId: piece.id, type: 'IDENTITE', mime: 'application/pdf', taille: PDF.length });
      expect(rows[1]!['details']).toEqual({ pieces: 1 });
      expect(rows[2]!['details']).toEqual({ pieceId: piece.id, type: 'IDENTITE', mime: 'application/pdf' });
      for (const part of ['Passeport', 'TECHER', 'Nathana']) {
        expect(JSON.stringify(rows)).withContext(part).not.toContain(part);
        expect(capturedLogs.filter((line) => line.includes(part))).withContext(part).toEqual([]);
      }
    });
  });
});
