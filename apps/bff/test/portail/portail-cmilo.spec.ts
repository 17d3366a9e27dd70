import { randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import { aRendezVous } from '../support/agenda-builders';
import { aJeuneWithAccount } from '../support/session-builders';
import { anAction } from '../support/suivi-builders';
import { aPortailWorld, donnees, NOW } from './portail-world';

// C-Milo's home on Wednesday 25 November 2026 (portail-world NOW).

const at = (iso: string) => new Date(iso);

/** A message to the jeune, sent (or planned) at `le`. */
const aMessage = async (sequelize: Sequelize, jeune: { id: string }, nature: string, le: string, statut = 'ENVOYE') => {
  const id = randomUUID();
  await sequelize.query(
    `INSERT INTO message_jeune (id, cle, mission_locale_id, jeune_id, nature, envoi_prevu_le, statut, traite_le)
     SELECT $id, $cle, j.mission_locale_id, j.id, $nature, $le::timestamptz, $statut, CASE WHEN $statut <> 'PLANIFIE' THEN $le::timestamptz END
     FROM jeune j WHERE j.id = $jeuneId`,
    { bind: { id, cle: `test:${id}`, jeuneId: jeune.id, nature, le, statut } },
  );
  return id;
};

describe('Portail — C-Milo’s home', () => {
  it('when a jeune opens C-Milo, it shows their next rendez-vous not cancelled, their actions due within 14 days or late, and their last notifications', async () => {
    const world = await aPortailWorld();
    const conseiller = await world.user(['conseiller']);
    const jeune = await aJeuneWithAccount(world.sequelize, world.ml, { prenoms: 'Inès' });
    const other = await aJeuneWithAccount(world.sequelize, world.ml);
    await aRendezVous(world.sequelize, jeune, conseiller.id, { debut: at('2026-11-26T09:00:00Z'), statut: 'ANNULE' });
    const next = await aRendezVous(world.sequelize, jeune, conseiller.id, { debut: at('2026-11-27T09:00:00Z') });
    await aRendezVous(world.sequelize, jeune, conseiller.id, { debut: at('2026-11-30T09:00:00Z') });
    await aRendezVous(world.sequelize, other, conseiller.id, { debut: at('2026-11-25T12:00:00Z') });
    const late = await anAction(world.sequelize, jeune, { echeance: '2026-11-20', statut: 'EN_COURS', titre: 'Envoyer le CV' });
    const soon = await anAction(world.sequelize, jeune, { echeance: '2026-12-09' });
    await anAction(world.sequelize, jeune, { echeance: '2026-12-10' });
    await anAction(world.sequelize, jeune, { echeance: '2026-11-22', statut: 'TERMINEE' });
    await anAction(world.sequelize, other, { echeance: '2026-11-26' });
    const rappel = await aMessage(world.sequelize, jeune, 'RAPPEL', '2026-11-24T09:00:00Z');
    const creation = await aMessage(world.sequelize, jeune, 'CREATION', '2026-11-20T09:00:00Z');
    await aMessage(world.sequelize, jeune, 'RAPPEL', '2026-11-26T09:00:00Z', 'PLANIFIE');
    await aMessage(world.sequelize, other, 'CREATION', '2026-11-24T09:00:00Z');
    const asJeune = world.portailOf((await world.otherDevice(jeune.login)).client);

    const res = await asJeune.portail();

    expect(res.status).toBe(200);
    const prochain = donnees<{ timezone: string; rendezVous: { id: string; statut: string } | null }>(res.body, 'prochain-rendez-vous');
    expect(prochain.timezone).toBe('Europe/Paris');
    expect(prochain.rendezVous).toEqual(jasmine.objectContaining({ id: next.id, statut: 'PLANIFIE' }));
    const actions = donnees<{ total: number; items: Record<string, unknown>[] }>(res.body, 'mes-actions');
    expect(actions.total).toBe(2);
    expect(actions.items).toEqual([
      { id: late.id, titre: 'Envoyer le CV', echeance: '2026-11-20', statut: 'EN_COURS', enRetard: true },
      { id: soon.id, titre: 'Mettre à jour son CV', echeance: '2026-12-09', statut: 'A_FAIRE', enRetard: false },
    ]);
    const notifications = donnees<{ nonLues: number; items: Record<string, unknown>[] }>(res.body, 'notifications');
    expect(notifications).toEqual({
      nonLues: 2,
      items: [
        { id: rappel, libelle: 'Rappel', le: '2026-11-24T09:00:00.000Z', lue: false },
        { id: creation, libelle: 'Nouveau rendez-vous', le: '2026-11-20T09:00:00.000Z', lue: false },
      ],
    });
  });

  it('when the jeune reads their notifications, they stop counting as unread; one sent afterwards is unread', async () => {
    const world = await aPortailWorld();
    const jeune = await aJeuneWithAccount(world.sequelize, world.ml);
    await aMessage(world.sequelize, jeune, 'CREATION', '2026-11-24T09:00:00Z');
    const asJeune = world.portailOf((await world.otherDevice(jeune.login)).client);

    const read = await asJeune.lire();

    expect(read.status).toBe(204);
    const after = donnees<{ nonLues: number; items: { lue: boolean }[] }>((await asJeune.portail()).body, 'notifications');
    expect(after.nonLues).toBe(0);
    expect(after.items.map((item) => item.lue)).toEqual([true]);
    world.clock.advanceMinutes(20);
    await aMessage(world.sequelize, jeune, 'MODIFICATION', new Date(NOW.getTime() + 10 * 60_000).toISOString());
    const later = donnees<{ nonLues: number; items: { libelle: string; lue: boolean }[] }>((await asJeune.portail()).body, 'notifications');
    expect(later.nonLues).toBe(1);
    expect(later.items.map((item) => [item.libelle, item.lue])).toEqual([
      ['Rendez-vous modifié', false],
      ['Nouveau rendez-vous', true],
    ]);
  });

  it('when the jeune’s account is linked to no dossier, their rendez-vous widget says so and the others still answer', async () => {
    const world = await aPortailWorld();
    const jeune = await aJeuneWithAccount(world.sequelize, world.ml);
    await world.sequelize.query('UPDATE jeune SET utilisateur_id = NULL WHERE id = $id', { bind: { id: jeune.id } });
    const asJeune = world.portailOf((await world.otherDevice(jeune.login)).client);

    const res = await asJeune.portail();

    expect(res.status).toBe(200);
    expect(res.body.widgets['prochain-rendez-vous']).toEqual({ statut: 'erreur', message: "Votre compte n'est relié à aucun dossier : contactez votre Mission Locale." });
    expect(donnees(res.body, 'mes-actions')).toEqual({ total: 0, items: [] });
  });
});
