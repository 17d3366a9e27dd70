import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import request from 'supertest';
import type { Role } from '@imilo/domain';
import { csvCell, PARCOURS_HEADERS, toCsv } from '../../src/features/evenements/parcours-export';
import { aJeune, aMissionLocale, aSituation, auditRows, aUser } from '../support/builders';
import { anAction, anEvenement, aProposition, aTypeEvenement } from '../support/suivi-builders';
import { createTestApp, signedIn, TestClock } from '../support/test-app';

const NOW = new Date('2026-11-30T09:00:00Z');
const CONTEXTE = 'SENTINELLE-CONTEXTE-INTERNE-7f3a';
const COMMENTAIRE = 'SENTINELLE-COMMENTAIRE-INTERNE-91b2';
const MOTIF = 'Demande du jeune pour son dossier de formation';

/** A Mission Locale with its app, a conseiller and a jeune of their portfolio. */
const aWorld = async (options: { timezone?: string } = {}) => {
  const test = createTestApp({ clock: new TestClock(NOW) });
  const { app, db } = test;
  const ml = await aMissionLocale(db.sequelize, { timezone: options.timezone });
  const staff = async (roles: Role[] = ['conseiller'], names: { prenom?: string; nom?: string } = {}) => {
    const user = await aUser(db.sequelize, ml, { roles, passwordChangedAt: NOW, ...names });
    const client = await signedIn(app, user.login);
    return { ...user, client, exportOf: (jeuneId: string) => client.agent.get(`/api/v1/jeunes/${jeuneId}/parcours.csv`).buffer(true) };
  };
  const conseiller = await staff(['conseiller'], { prenom: 'Awa', nom: 'Diallo' });
  const jeune = await aJeune(db.sequelize, ml, { referentId: conseiller.id, matricule: `M${randomUUID().slice(0, 8)}` });
  return { ...test, ml, staff, conseiller, jeune };
};

const textOf = (res: Response): string => (Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text);

/** The CSV's lines as cells, read as a spreadsheet would (quoted cells may hold `;`, quotes and line breaks), after the BOM. */
const linesOf = (csv: string): string[][] => {
  expect(csv.startsWith('\uFEFF')).toBeTrue();
  expect(csv.endsWith('\r\n')).toBeTrue();
  const lines: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  const text = csv.slice(1);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ';') {
      cells.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      cells.push(cell);
      lines.push(cells);
      cells = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return lines;
};

describe('GET /api/v1/jeunes/:id/parcours.csv (parcours export)', () => {
  it('when exported, the parcours is a UTF-8 CSV with BOM and French headers: événements and propositions, oldest first, in local time', async () => {
    const world = await aWorld({ timezone: 'Indian/Reunion' });
    const { sequelize } = world.db;
    await aTypeEvenement(sequelize, world.ml, { code: 'ATELIER', libelle: 'Atelier collectif' });
    await anEvenement(sequelize, world.jeune, world.conseiller.id, {
      dateHeure: '2026-11-29T20:30:00Z',
      typeCode: 'ATELIER',
      themes: ['EMPLOI', 'ACCES_DROITS'],
      objet: 'Atelier CV',
      partenaire: 'Pôle emploi Saint-Denis',
      contexte: CONTEXTE,
    });
    await anEvenement(sequelize, world.jeune, world.conseiller.id, { dateHeure: '2026-11-02T06:05:00Z', typeCode: 'PREMIER_ACCUEIL', themes: ['PROJET_PROFESSIONNEL'], objet: null, contexte: CONTEXTE });
    await anEvenement(sequelize, world.jeune, world.conseiller.id, { dateHeure: '2026-11-10T06:00:00Z', objet: 'Supprimé', supprime: true });
    await aProposition(sequelize, world.jeune, {
      createdAt: '2026-11-15T05:00:00Z',
      date: '2026-11-14',
      libelle: 'Permis à 1 euro',
      theme: 'MOBILITE',
      etat: 'ACCEPTEE',
      partenaire: 'Auto-école du Port',
      commentaire: COMMENTAIRE,
      createdBy: world.conseiller.id,
    });
    await aProposition(sequelize, world.jeune, {
      createdAt: '2026-11-20T05:00:00Z',
      date: null,
      libelle: 'Garantie jeunes',
      theme: 'EMPLOI',
      etat: 'PROPOSEE',
      createdBy: world.conseiller.id,
    });
    await anAction(sequelize, world.jeune, { titre: 'Une action, pas dans le parcours exporté' });
    await aSituation(sequelize, world.jeune, { intitule: 'Une situation, pas dans le parcours exporté' });

    const res = await world.conseiller.exportOf(world.jeune.id);
    const csv = textOf(res);

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="parcours-${world.jeune.matricule}.csv"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(linesOf(csv)).toEqual([
      ['Date', 'Nature', 'Libellé', 'Thèmes', 'Objet', 'Partenaire', 'Conseiller', 'État'],
      ['02/11/2026 10:05', 'Événement', 'Premier accueil', 'Projet professionnel', '', '', 'Awa Diallo', ''],
      ['14/11/2026', 'Proposition', 'Permis à 1 euro', 'Mobilité', '', 'Auto-école du Port', 'Awa Diallo', 'Acceptée'],
      ['20/11/2026 09:00', 'Proposition', 'Garantie jeunes', 'Emploi', '', '', 'Awa Diallo', 'Proposée'],
      ['30/11/2026 00:30', 'Événement', 'Atelier collectif', 'Emploi, Accès aux droits et ressources', 'Atelier CV', 'Pôle emploi Saint-Denis', 'Awa Diallo', ''],
    ]);
    expect(csv).not.toContain(CONTEXTE);
    expect(csv).not.toContain(COMMENTAIRE);
    expect(csv).not.toContain('Supprimé');
    expect(csv).not.toContain('pas dans le parcours');
  });

  it('when a cell holds quotes, separators, line breaks or starts like a formula, it is quoted, its quotes doubled, and the formula neutralised', async () => {
    const world = await aWorld();
    const { sequelize } = world.db;
    await anEvenement(sequelize, world.jeune, world.conseiller.id, { dateHeure: '2026-11-20T09:00:00Z', objet: 'Il a dit "oui"; puis\r\nnon', partenaire: '=HYPERLINK("http://x.example","clic")' });
    await anEvenement(sequelize, world.jeune, world.conseiller.id, { dateHeure: '2026-11-21T09:00:00Z', objet: '+33 6 12 34 56 78', partenaire: '-2+3' });
    await aProposition(sequelize, world.jeune, { createdAt: '2026-11-22T09:00:00Z', date: null, libelle: '@SUM(A1:A9)', partenaire: '\tcmd' });

    const csv = textOf(await world.conseiller.exportOf(world.jeune.id));
    const [, first, second, third] = linesOf(csv);

    expect(csv).toContain('"Il a dit ""oui""; puis\r\nnon"');
    expect(first?.slice(4, 6)).toEqual(['Il a dit "oui"; puis\r\nnon', `'=HYPERLINK("http://x.example","clic")`]);
    expect(second?.slice(4, 6)).toEqual(["'+33 6 12 34 56 78", "'-2+3"]);
    expect([third?.[2], third?.[5]]).toEqual(["'@SUM(A1:A9)", "'\tcmd"]);
  });

  it('when the dossier holds nothing yet, the export has its headers only', async () => {
    const world = await aWorld();

    const res = await world.conseiller.exportOf(world.jeune.id);

    expect(textOf(res)).toBe(`\uFEFF${PARCOURS_HEADERS.map((header) => `"${header}"`).join(';')}\r\n`);
  });

  it('when exported, the export is audited with its line count, never its content', async () => {
    const world = await aWorld();
    await anEvenement(world.db.sequelize, world.jeune, world.conseiller.id, { objet: 'Objet confidentiel' });

    await world.conseiller.exportOf(world.jeune.id);

    const rows = await auditRows(world.db.sequelize, { targetId: world.jeune.id, action: 'evenements.export' });
    expect(rows).toEqual([
      jasmine.objectContaining({
        actor_id: world.conseiller.id,
        outcome: 'success',
        target_type: 'jeune',
        details: { format: 'csv', export: 'parcours', lignes: 1, horsPortefeuille: false },
      }),
    ]);
    expect(JSON.stringify(rows)).not.toContain('Objet confidentiel');
  });

  describe('refusals', () => {
    it('when the jeune belongs to another Mission Locale, it answers 404 and exports nothing', async () => {
      const world = await aWorld();
      const other = await aMissionLocale(world.db.sequelize);
      const foreigner = await aUser(world.db.sequelize, other);
      const foreignJeune = await aJeune(world.db.sequelize, other, { referentId: foreigner.id });
      await anEvenement(world.db.sequelize, foreignJeune, foreigner.id, { objet: 'Ailleurs' });

      const res = await world.conseiller.exportOf(foreignJeune.id);

      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(textOf(res)).not.toContain('Ailleurs');
      expect(await auditRows(world.db.sequelize, { targetId: foreignJeune.id })).toEqual([]);
    });

    it('when the dossier is outside the portfolio, a reason is asked first, then the export is audited with it', async () => {
      const world = await aWorld();
      const direction = await world.staff(['direction']);

      const refused = await direction.exportOf(world.jeune.id);
      await direction.client.post(`/api/v1/jeunes/${world.jeune.id}/acces`, { motif: MOTIF });
      const opened = await direction.exportOf(world.jeune.id);

      expect(refused.status).toBe(403);
      expect(JSON.parse(textOf(refused)).code).toBe('motif-acces-requis');
      expect(opened.status).toBe(200);
      expect((await auditRows(world.db.sequelize, { targetId: world.jeune.id, action: 'evenements.export' }))[0]?.['details']).toEqual({
        format: 'csv',
        export: 'parcours',
        lignes: 0,
        horsPortefeuille: true,
        motif: MOTIF,
      });
    });

    it("when a chargé d'accueil asks for the export, it answers 403 forbidden", async () => {
      const world = await aWorld();
      const accueil = await world.staff(['charge_accueil']);

      const res = await accueil.exportOf(world.jeune.id);

      expect(res.status).toBe(403);
      expect(JSON.parse(textOf(res)).code).toBe('forbidden');
    });

    it('when nobody is signed in, it answers 401', async () => {
      const world = await aWorld();

      expect((await request(world.app).get(`/api/v1/jeunes/${world.jeune.id}/parcours.csv`)).status).toBe(401);
    });
  });
});

describe('parcours CSV cells (parcours export)', () => {
  it('when a cell is empty or null, it is an empty quoted cell', () => {
    expect(csvCell(null)).toBe('""');
    expect(csvCell('')).toBe('""');
  });

  it('when a cell starts with = + - @, a tab or a carriage return, an apostrophe goes first; elsewhere these characters stay', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(csvCell(`${start}1`)).withContext(JSON.stringify(start)).toBe(`"'${start}1"`);
    }
    expect(csvCell('a=b+c-d@e')).toBe('"a=b+c-d@e"');
    expect(csvCell("l'atelier")).toBe(`"l'atelier"`);
  });

  it('when lines are written, they start with the BOM, use ; and CRLF, and end with a CRLF', () => {
    expect(toCsv([['a', 'b'], ['c"d', null]])).toBe('\uFEFF"a";"b"\r\n"c""d";""\r\n');
  });
});
