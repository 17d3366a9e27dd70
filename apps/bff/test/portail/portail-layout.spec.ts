import { dispositionParDefaut } from '@imilo/domain';
import { aMissionLocale, auditRows } from '../support/builders';
import { aJeuneWithAccount } from '../support/session-builders';
import { capturedLogs } from '../support/test-app';
import { aPortailWorld, donnees, storedDisposition, widgetsOf } from './portail-world';

describe('Portail — the home and its disposition (GET /portail, PUT/DELETE /portail/layout)', () => {
  it('when a conseiller opens their home for the first time, one call answers every widget of their role’s default disposition, and the read is audited', async () => {
    const world = await aPortailWorld();
    const conseiller = await world.user(['conseiller']);

    const res = await conseiller.portail();

    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const defaut = dispositionParDefaut('conseiller', ['conseiller']);
    expect(res.body.home).toBe('conseiller');
    expect(res.body.disposition).toEqual({ widgets: defaut, parDefaut: true });
    expect(res.body.aujourdhui).toBe('2026-11-25');
    expect(res.body.timezone).toBe('Europe/Paris');
    expect(res.body.sites).toEqual([]);
    expect(res.body.catalogue).toEqual(jasmine.arrayContaining(['rendez-vous-du-jour', 'alertes', 'mon-activite']));
    const widgets = widgetsOf(res.body);
    expect(Object.keys(widgets).sort()).toEqual(defaut.map((item) => item.id).sort());
    for (const [id, etat] of Object.entries(widgets)) {
      expect(etat.statut).withContext(`${id}: ${JSON.stringify(etat)}`).toBe('ok');
    }
    const audit = await auditRows(world.sequelize, { actorId: conseiller.id, action: 'portail.read' });
    expect(audit.length).toBe(1);
    expect(audit[0]).toEqual(
      jasmine.objectContaining({
        mission_locale_id: world.ml.id,
        outcome: 'success',
        details: { home: 'conseiller', widgets: defaut.map((item) => item.id), parDefaut: true, periode: 'mois', siteId: null },
      }),
    );
  });

  it('when each role opens its home, it gets its own home and catalogue: direction figures with the sites, the administrator’s accounts, C-Milo', async () => {
    const world = await aPortailWorld();
    const direction = await world.user(['direction']);
    const admin = await world.user(['admin_ml']);
    const accueil = await world.user(['charge_accueil']);
    const jeune = await aJeuneWithAccount(world.sequelize, world.ml);
    const asJeune = world.portailOf((await world.otherDevice(jeune.login)).client);

    const [d, a, c, j] = await Promise.all([direction.portail(), admin.portail(), accueil.portail(), asJeune.portail()]);

    expect([d.body.home, a.body.home, c.body.home, j.body.home]).toEqual(['direction', 'admin', 'conseiller', 'c-milo']);
    expect(Object.keys(widgetsOf(d.body)).sort()).toEqual(
      ['dossiers-par-completude', 'evenements-par-theme', 'jeunes-accompagnes', 'premiers-accueils', 'rendez-vous-tenus'].sort(),
    );
    expect(d.body.sites).toEqual([{ id: world.ml.siteId, nom: 'Siège' }]);
    expect(d.body.catalogue).toEqual(jasmine.arrayContaining(['rendez-vous-du-jour', 'memos', 'jeunes-accompagnes']));
    expect(d.body.catalogue).not.toContain('alertes');
    expect(Object.keys(widgetsOf(a.body))).toEqual(['comptes']);
    expect(c.body.catalogue.sort()).toEqual(['memos', 'offre-de-service']);
    expect(Object.keys(widgetsOf(c.body)).sort()).toEqual(['memos', 'offre-de-service']);
    expect(Object.keys(widgetsOf(j.body)).sort()).toEqual(['mes-actions', 'notifications', 'prochain-rendez-vous']);
    expect(j.body.catalogue.sort()).toEqual(['mes-actions', 'notifications', 'prochain-rendez-vous']);
  });

  it('when a conseiller saves a disposition, it is stored and answered, found again from another device, and « Rétablir » brings the default back', async () => {
    const world = await aPortailWorld();
    const conseiller = await world.user(['conseiller']);
    const disposition = [
      { id: 'memos', taille: 2 },
      { id: 'alertes', taille: 1 },
    ];

    const saved = await conseiller.saveLayout({ widgets: disposition });

    expect(saved.status).withContext(JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.disposition).toEqual({ widgets: disposition, parDefaut: false });
    expect(Object.keys(widgetsOf(saved.body)).sort()).toEqual(['alertes', 'memos']);
    const tablet = await world.otherDevice(conseiller.login);
    const again = await tablet.portail();
    expect(again.body.disposition).toEqual({ widgets: disposition, parDefaut: false });
    expect(Object.keys(widgetsOf(again.body)).sort()).toEqual(['alertes', 'memos']);

    const reset = await tablet.resetLayout();

    expect(reset.status).toBe(204);
    expect(await storedDisposition(world.sequelize, conseiller.id)).toBeNull();
    const back = await conseiller.portail();
    expect(back.body.disposition).toEqual({ widgets: dispositionParDefaut('conseiller', ['conseiller']), parDefaut: true });
  });

  it('when the disposition is empty, the home answers no widget at all', async () => {
    const world = await aPortailWorld();
    const conseiller = await world.user(['conseiller']);

    const saved = await conseiller.saveLayout({ widgets: [] });

    expect(saved.status).toBe(200);
    expect(widgetsOf(saved.body)).toEqual({});
    expect((await conseiller.portail()).body.disposition).toEqual({ widgets: [], parDefaut: false });
  });

  it('when a disposition holds a widget the user’s home does not offer, it answers 400 naming it, and nothing changes', async () => {
    const world = await aPortailWorld();
    const accueil = await world.user(['charge_accueil']);
    const jeune = await aJeuneWithAccount(world.sequelize, world.ml);
    const asJeune = world.portailOf((await world.otherDevice(jeune.login)).client);
    await accueil.saveLayout({ widgets: [{ id: 'memos', taille: 1 }] });

    const refusals = [
      await accueil.saveLayout({ widgets: [{ id: 'memos', taille: 1 }, { id: 'alertes', taille: 1 }] }),
      await asJeune.saveLayout({ widgets: [{ id: 'rendez-vous-du-jour', taille: 2 }] }),
    ];

    expect(refusals.map((res) => res.status)).toEqual([400, 400]);
    expect(refusals[0]!.body.errors).toEqual([{ path: 'widgets', message: 'Ces widgets ne sont pas disponibles sur votre accueil : « Alertes ».' }]);
    expect(refusals[1]!.body.errors[0].message).toContain('« Rendez-vous du jour »');
    expect((await storedDisposition(world.sequelize, accueil.id))?.widgets).toEqual([{ id: 'memos', taille: 1 }]);
    expect(await storedDisposition(world.sequelize, jeune.userId)).toBeNull();
  });

  it('when a disposition or a query is malformed, it answers 400 with the fields in French, and nothing changes', async () => {
    const world = await aPortailWorld();
    const conseiller = await world.user(['conseiller']);
    await conseiller.saveLayout({ widgets: [{ id: 'memos', taille: 1 }] });
    const bad: unknown[] = [
      { widgets: [{ id: 'inconnu', taille: 1 }] },
      { widgets: [{ id: 'memos', taille: 3 }] },
      { widgets: [{ id: 'memos', taille: 1 }, { id: 'memos', taille: 2 }] },
      { widgets: [{ id: 'memos', taille: 1 }], couleur: 'bleu' },
      { widgets: 'memos' },
      [],
    ];

    for (const body of bad) {
      const res = await conseiller.saveLayout(body);

      expect(res.status).withContext(JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('validation-failed');
      expect(res.body.errors.length).withContext(JSON.stringify(body)).toBeGreaterThan(0);
    }
    expect((await storedDisposition(world.sequelize, conseiller.id))?.widgets).toEqual([{ id: 'memos', taille: 1 }]);
    const query = await conseiller.portail({ periode: 'annee' });
    expect(query.status).toBe(400);
    expect(query.body.errors).toEqual([{ path: 'periode', message: 'La période : semaine, mois ou trimestre.' }]);
    expect((await conseiller.portail({ site: 'pas-un-site' })).status).toBe(400);
  });

  it('when the site filter is a site of another Mission Locale, it answers 404; one of its own filters the figures', async () => {
    const world = await aPortailWorld();
    const direction = await world.user(['direction']);
    const other = await aMissionLocale(world.sequelize);

    const foreign = await direction.portail({ site: other.siteId });
    const own = await direction.portail({ site: world.ml.siteId, periode: 'semaine' });

    expect({ status: foreign.status, code: foreign.body.code }).toEqual({ status: 404, code: 'not-found' });
    expect(own.status).toBe(200);
    expect(widgetsOf(own.body)['jeunes-accompagnes']?.statut).toBe('ok');
    expect((own.body.widgets['jeunes-accompagnes'].donnees as { periode: string }).periode).toBe('semaine');
  });

  it('when a stored disposition holds a widget the roles no longer allow, the home leaves it out', async () => {
    const world = await aPortailWorld();
    const conseiller = await world.user(['conseiller']);
    await conseiller.saveLayout({ widgets: [{ id: 'alertes', taille: 1 }, { id: 'memos', taille: 1 }] });
    await world.sequelize.query(`UPDATE utilisateur SET roles = '{charge_accueil}' WHERE id = $id`, { bind: { id: conseiller.id } });

    const res = await (await world.otherDevice(conseiller.login)).portail();

    expect(res.body.disposition).toEqual({ widgets: [{ id: 'memos', taille: 1 }], parDefaut: false });
    expect(Object.keys(widgetsOf(res.body))).toEqual(['memos']);
  });

  it('when one widget fails, it answers its error in French, is logged without personal data, and the other widgets still answer', async () => {
    const world = await aPortailWorld();
    const conseiller = await world.user(['conseiller']);
    await world.jeune({ referentId: conseiller.id, prenoms: 'Solène', nomNaissance: 'INTROUVABLE', dernierContactLe: '2026-01-02' });
    const logsBefore = capturedLogs.length;
    // The alerts read the treated ones: without their table, only that widget fails.
    await world.sequelize.query('ALTER TABLE alerte_traitee RENAME TO alerte_traitee_hors_service');
    let res;
    try {
      res = await conseiller.portail();
    } finally {
      await world.sequelize.query('ALTER TABLE alerte_traitee_hors_service RENAME TO alerte_traitee');
    }

    expect(res.status).toBe(200);
    const widgets = widgetsOf(res.body);
    expect(widgets['alertes']).toEqual({ statut: 'erreur', message: 'Ce widget n’a pas pu être chargé. Réessayez dans un instant.' });
    for (const [id, etat] of Object.entries(widgets).filter(([id]) => id !== 'alertes')) {
      expect(etat.statut).withContext(id).toBe('ok');
    }
    const logged = capturedLogs.slice(logsBefore).filter((line) => line.includes('portail widget failed'));
    expect(logged.length).toBe(1);
    expect(JSON.parse(logged[0]!)).toEqual(jasmine.objectContaining({ widget: 'alertes', error: 'SequelizeDatabaseError', sqlState: '42P01' }));
    expect(logged[0]).not.toContain('INTROUVABLE');
    expect(logged[0]).not.toContain('Solène');
  });
  it('when the direction rearranges their home while looking at the week of one site, the answer is for that week and site; another Mission Locale’s site changes nothing', async () => {
    const world = await aPortailWorld();
    const direction = await world.user(['direction']);
    const layout = { widgets: [{ id: 'rendez-vous-tenus', taille: 2 }, { id: 'jeunes-accompagnes', taille: 1 }] };

    const res = await direction.saveLayout(layout, { periode: 'semaine', site: world.ml.siteId! });

    expect(res.status).withContext(JSON.stringify(res.body)).toBe(200);
    const tenus = donnees<{ periode: string; du: string; au: string }>(res.body, 'rendez-vous-tenus');
    expect([tenus.periode, tenus.du, tenus.au]).toEqual(['semaine', '2026-11-23', '2026-11-25']);
    const audit = await auditRows(world.sequelize, { actorId: direction.id, action: 'portail.read' });
    expect(audit.map((row) => (row.details as { siteId: string | null }).siteId)).toEqual([world.ml.siteId!]);

    const ailleurs = await aMissionLocale(world.sequelize);
    const refused = await direction.saveLayout({ widgets: [{ id: 'premiers-accueils', taille: 1 }] }, { site: ailleurs.siteId! });
    expect(refused.status).toBe(404);
    expect((await storedDisposition(world.sequelize, direction.id))?.widgets).toEqual(layout.widgets);
    expect((await direction.saveLayout(layout, { periode: 'annee' })).status).toBe(400);
  });
});
