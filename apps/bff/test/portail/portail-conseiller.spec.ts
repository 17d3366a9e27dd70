import { randomUUID } from 'node:crypto';
import { QueryTypes } from 'sequelize';
import { aRendezVous } from '../support/agenda-builders';
import { aMissionLocale, aSituation, auditRows, aUser } from '../support/builders';
import { aSession, anInscription, linkAccount } from '../support/session-builders';
import { anEvenement, anOffre, aProposition } from '../support/suivi-builders';
import { aPortailWorld, donnees, setJeune } from './portail-world';

// The conseiller's home on Wednesday 25 November 2026, 10:00 in Paris (portail-world NOW): the week runs from
// Monday 23 to Sunday 29.

const at = (iso: string) => new Date(iso);

/** A jeune that raises no alert: recently seen, 18, no titre de séjour, nothing planned. */
const quiet = { dernierContactLe: '2026-11-20', dateNaissance: '2008-03-14' } as const;

interface Alerte {
  cle: string;
  regle: string;
  jeune: { id: string; prenom: string; nom: string };
  echeance: string;
  libelle: string;
}

describe('Portail — the conseiller’s widgets', () => {
  it('when a conseiller’s portfolio holds jeunes in each rule’s window, « Alertes » raises each one, soonest first, and never another portfolio’s', async () => {
    const world = await aPortailWorld();
    const conseiller = await world.user(['conseiller']);
    const colleague = await world.user(['conseiller']);
    const mine = (prenoms: string, overrides: object = {}) =>
      world.jeune({ ...quiet, referentId: conseiller.id, prenoms, nomNaissance: prenoms.toUpperCase(), ...overrides });
    const titre = await mine('Titre');
    await setJeune(world.sequelize, titre.id, { titre_sejour_expire_le: '2026-12-16' });
    const vingtSix = await mine('Vingt-six', { dateNaissance: '2000-12-20' });
    const rqthTrente = await mine('Rqth', { dateNaissance: '1996-12-20' });
    await setJeune(world.sequelize, rqthTrente.id, { rqth: true });
    const rqthJeune = await mine('Rqth-jeune', { dateNaissance: '2000-12-20' });
    await setJeune(world.sequelize, rqthJeune.id, { rqth: true });
    const situation = await mine('Situation');
    await aSituation(world.sequelize, situation, { categorie: 'EMPLOI', etat: 'EN_COURS', dateDebut: '2026-06-01', dateFin: '2026-12-10' });
    const loin = await mine('Loin');
    await aSituation(world.sequelize, loin, { categorie: 'FORMATION', etat: 'EN_COURS', dateDebut: '2026-06-01', dateFin: '2027-03-01' });
    const silence = await mine('Silence', { dernierContactLe: '2026-08-20' });
    const injoignable = await mine('Injoignable');
    const injoignableUser = await aUser(world.sequelize, world.ml, { roles: ['jeune'] });
    await linkAccount(world.sequelize, injoignable, injoignableUser.id);
    await aRendezVous(world.sequelize, injoignable, conseiller.id, { debut: at('2026-11-27T09:00:00Z') });
    const joignable = await mine('Joignable');
    const joignableUser = await aUser(world.sequelize, world.ml, { roles: ['jeune'] });
    await linkAccount(world.sequelize, joignable, joignableUser.id);
    await world.sequelize.query(
      `INSERT INTO push_subscription (id, utilisateur_id, endpoint, p256dh, auth) VALUES ($id, $userId, $endpoint, 'p256dh', 'auth')`,
      { bind: { id: randomUUID(), userId: joignableUser.id, endpoint: `https://push.example.test/${randomUUID()}` } },
    );
    await aRendezVous(world.sequelize, joignable, conseiller.id, { debut: at('2026-11-27T10:00:00Z') });
    const semaineProchaine = await mine('Semaine-prochaine');
    await aRendezVous(world.sequelize, semaineProchaine, conseiller.id, { debut: at('2026-12-01T09:00:00Z') });
    await mine('Calme');
    // Outside the portfolio: a colleague's, an archived dossier, and a jeune of another Mission Locale.
    const autre = await world.jeune({ referentId: colleague.id, prenoms: 'Collegue', dernierContactLe: '2026-01-01' });
    await setJeune(world.sequelize, autre.id, { titre_sejour_expire_le: '2026-12-01' });
    await mine('Archive', { statutDossier: 'archive', dernierContactLe: '2026-01-01' });
    const ailleurs = await aMissionLocale(world.sequelize);
    await world.jeune({ referentId: conseiller.id, prenoms: 'Ailleurs', dernierContactLe: '2026-01-01' }, ailleurs);

    const res = await conseiller.portail();

    const alertes = donnees<{ total: number; items: Alerte[] }>(res.body, 'alertes');
    const seen = alertes.items.map((alerte) => [alerte.regle, alerte.jeune.prenom, alerte.echeance, alerte.libelle]);
    // The rules' priority first (age limit, titre de séjour, this week's rendez-vous…), then the soonest échéance.
    expect(seen).toEqual([
      ['AGE_LIMITE', 'Rqth', '2026-12-20', 'Aura 30 ans le 20/12/2026 (RQTH) : limite d’âge de l’accompagnement.'],
      ['AGE_LIMITE', 'Vingt-six', '2026-12-20', 'Aura 26 ans le 20/12/2026 : limite d’âge de l’accompagnement.'],
      ['TITRE_SEJOUR', 'Titre', '2026-12-16', 'Titre de séjour valable jusqu’au 16/12/2026.'],
      ['PUSH_INJOIGNABLE', 'Injoignable', '2026-11-27', 'Rendez-vous le 27/11/2026 : non joignable par notification, le rappel partira par SMS ou e-mail.'],
      ['FIN_SITUATION', 'Situation', '2026-12-10', 'Emploi : se termine le 10/12/2026.'],
      ['SANS_CONTACT', 'Silence', '2026-11-18', 'Aucun contact depuis le 20/08/2026.'],
    ]);
    expect(alertes.total).toBe(6);
    expect(alertes.items[5]!.cle).toBe(`SANS_CONTACT:${silence.id}:2026-11-18`);
    expect(alertes.items.map((alerte) => alerte.jeune.id)).not.toContain(rqthJeune.id);
    expect(alertes.items.map((alerte) => alerte.jeune.id)).toContain(vingtSix.id);
    expect(alertes.items.map((alerte) => alerte.jeune.id)).not.toContain(autre.id);
  });

  it('when the conseiller marks an alert « traitée », it leaves their home, is audited once, and marking it again changes nothing', async () => {
    const world = await aPortailWorld();
    const conseiller = await world.user(['conseiller']);
    const jeune = await world.jeune({ ...quiet, referentId: conseiller.id, dateNaissance: '2000-12-20' });
    const cle = `AGE_LIMITE:${jeune.id}:2026-12-20`;
    expect(donnees<{ items: Alerte[] }>((await conseiller.portail()).body, 'alertes').items.map((alerte) => alerte.cle)).toEqual([cle]);

    const first = await conseiller.traiter(cle);
    const second = await conseiller.traiter(cle);

    expect([first.status, second.status]).toEqual([204, 204]);
    const alertes = donnees<{ total: number; items: Alerte[] }>((await conseiller.portail()).body, 'alertes');
    expect(alertes).toEqual({ total: 0, items: [] });
    const audit = await auditRows(world.sequelize, { targetId: jeune.id, action: 'portail.alerte.traitee' });
    expect(audit.length).toBe(1);
    expect(audit[0]).toEqual(jasmine.objectContaining({ actor_id: conseiller.id, mission_locale_id: world.ml.id, details: { regle: 'AGE_LIMITE', echeance: '2026-12-20' } }));
  });

  it('when the alert key is about a jeune of another portfolio or Mission Locale, it answers 404; a malformed key 400; nothing is stored', async () => {
    const world = await aPortailWorld();
    const conseiller = await world.user(['conseiller']);
    const colleague = await world.user(['conseiller']);
    const sienne = await world.jeune({ referentId: colleague.id, dateNaissance: '2000-12-20' });
    const ailleurs = await aMissionLocale(world.sequelize);
    const etrangere = await world.jeune({ referentId: conseiller.id, dateNaissance: '2000-12-20' }, ailleurs);

    const refusals = [
      await conseiller.traiter(`AGE_LIMITE:${sienne.id}:2026-12-20`),
      await conseiller.traiter(`AGE_LIMITE:${etrangere.id}:2026-12-20`),
      await conseiller.traiter(`AGE_LIMITE:${randomUUID()}:2026-12-20`),
    ];
    const malformed = [await conseiller.traiter(`INCONNUE:${sienne.id}:2026-12-20`), await conseiller.traiter(42), await conseiller.traiter(`AGE_LIMITE:${sienne.id}`)];

    expect(refusals.map((res) => [res.status, res.body.code])).toEqual([
      [404, 'not-found'],
      [404, 'not-found'],
      [404, 'not-found'],
    ]);
    expect(malformed.map((res) => res.status)).toEqual([400, 400, 400]);
    expect(malformed[0]!.body.errors).toEqual([{ path: 'cle', message: 'Alerte inconnue.' }]);
    const stored = await world.sequelize.query('SELECT cle FROM alerte_traitee WHERE jeune_id IN ($1, $2)', { type: QueryTypes.SELECT, bind: [sienne.id, etrangere.id] });
    expect(stored).toEqual([]);
  });

  it('when the conseiller has rendez-vous and sessions today and tomorrow, « Rendez-vous du jour » lists theirs only, per local day, not the cancelled ones', async () => {
    const world = await aPortailWorld();
    const conseiller = await world.user(['conseiller']);
    const colleague = await world.user(['conseiller']);
    const jeune = await world.jeune({ ...quiet, referentId: conseiller.id, prenoms: 'Inès', nomNaissance: 'BENALI' });
    const started = await aRendezVous(world.sequelize, jeune, conseiller.id, { debut: at('2026-11-25T08:00:00Z') });
    const afternoon = await aRendezVous(world.sequelize, jeune, conseiller.id, { debut: at('2026-11-25T13:00:00Z') });
    await world.sequelize.query(`UPDATE rendez_vous SET reponse_jeune = 'CONFIRME', reponse_jeune_le = now() WHERE id = $id`, { bind: { id: afternoon.id } });
    await aRendezVous(world.sequelize, jeune, conseiller.id, { debut: at('2026-11-25T15:00:00Z'), statut: 'ANNULE' });
    // 23:30 in Paris on Thursday is still tomorrow; 00:30 on Friday is not.
    const lateTomorrow = await aRendezVous(world.sequelize, jeune, conseiller.id, { debut: at('2026-11-26T22:30:00Z') });
    await aRendezVous(world.sequelize, jeune, conseiller.id, { debut: at('2026-11-26T23:30:00Z') });
    await aRendezVous(world.sequelize, jeune, colleague.id, { debut: at('2026-11-25T10:00:00Z') });
    const session = await aSession(world.sequelize, world.ml, conseiller.id, { debut: at('2026-11-26T13:00:00Z'), titre: 'Atelier CV' });
    await aSession(world.sequelize, world.ml, colleague.id, { debut: at('2026-11-26T13:00:00Z') });

    const jour = donnees<{ total: number; jours: { jour: string; items: Record<string, unknown>[] }[] }>((await conseiller.portail()).body, 'rendez-vous-du-jour');

    expect(jour.total).toBe(4);
    expect(jour.jours.map((day) => [day.jour, day.items.map((item) => item['id'])])).toEqual([
      ['2026-11-25', [started.id, afternoon.id]],
      ['2026-11-26', [session.id, lateTomorrow.id]],
    ]);
    expect(jour.jours[0]!.items[0]).toEqual(
      jasmine.objectContaining({ kind: 'rendez-vous', titre: 'Inès BENALI', statut: 'PLANIFIE', aCloturer: true, reponseJeune: null, presence: null }),
    );
    expect(jour.jours[0]!.items[1]).toEqual(jasmine.objectContaining({ aCloturer: false, reponseJeune: 'CONFIRME' }));
    expect(jour.jours[1]!.items[0]).toEqual(jasmine.objectContaining({ kind: 'session', titre: 'Atelier CV', jeune: null, statut: 'PLANIFIE', aCloturer: false }));
  });

  it('when rendez-vous and sessions of the conseiller are past and not closed, « À clôturer » counts them and lists the oldest; never a colleague’s', async () => {
    const world = await aPortailWorld();
    const conseiller = await world.user(['conseiller']);
    const colleague = await world.user(['conseiller']);
    const jeune = await world.jeune({ ...quiet, referentId: conseiller.id });
    const old = await aRendezVous(world.sequelize, jeune, conseiller.id, { debut: at('2026-11-20T09:00:00Z') });
    const session = await aSession(world.sequelize, world.ml, conseiller.id, { debut: at('2026-11-23T09:00:00Z') });
    const yesterday = await aRendezVous(world.sequelize, jeune, conseiller.id, { debut: at('2026-11-24T09:00:00Z') });
    await aRendezVous(world.sequelize, jeune, conseiller.id, { debut: at('2026-11-24T10:00:00Z'), statut: 'CLOS', presence: 'PRESENT' });
    await aRendezVous(world.sequelize, jeune, conseiller.id, { debut: at('2026-11-26T10:00:00Z') });
    await aSession(world.sequelize, world.ml, conseiller.id, { debut: at('2026-11-22T09:00:00Z'), statut: 'CLOTUREE' });
    await aRendezVous(world.sequelize, jeune, colleague.id, { debut: at('2026-11-19T09:00:00Z') });

    const widget = donnees<{ total: number; items: { kind: string; id: string }[] }>((await conseiller.portail()).body, 'a-cloturer');

    expect(widget.total).toBe(3);
    expect(widget.items.map((item) => [item.kind, item.id])).toEqual([
      ['rendez-vous', old.id],
      ['session', session.id],
      ['rendez-vous', yesterday.id],
    ]);
  });

  it('when the portfolio holds dossiers below « complet », « Dossiers à compléter » lists the conseiller’s with what each lacks', async () => {
    const world = await aPortailWorld();
    const conseiller = await world.user(['conseiller']);
    const colleague = await world.user(['conseiller']);
    const a = await world.jeune({ ...quiet, referentId: conseiller.id, nomNaissance: 'ABADIE', prenoms: 'Léa' });
    await world.jeune({ ...quiet, referentId: conseiller.id, nomNaissance: 'BERNARD', prenoms: 'Tom' });
    await world.jeune({ ...quiet, referentId: conseiller.id, nomNaissance: 'COMPLET', completude: 'complet' });
    await world.jeune({ ...quiet, referentId: conseiller.id, nomNaissance: 'ARCHIVE', statutDossier: 'archive' });
    await world.jeune({ ...quiet, referentId: colleague.id, nomNaissance: 'AUTRE' });

    const widget = donnees<{ total: number; items: { jeune: { id: string; nom: string }; completude: string; manquants: string[] }[] }>(
      (await conseiller.portail()).body,
      'dossiers-a-completer',
    );

    expect(widget.total).toBe(2);
    expect(widget.items.map((item) => item.jeune.nom)).toEqual(['ABADIE', 'BERNARD']);
    expect(widget.items[0]).toEqual(jasmine.objectContaining({ jeune: { id: a.id, prenom: 'Léa', nom: 'ABADIE' }, completude: 'partiel' }));
    expect(widget.items[0]!.manquants).toEqual(jasmine.arrayContaining(['Nationalité', 'Commune de naissance']));
  });

  it('when mémos are due, « Mémos » shows the conseiller’s own and the team’s due today or overdue, not done', async () => {
    const world = await aPortailWorld();
    const conseiller = await world.user(['conseiller']);
    const colleague = await world.user(['conseiller']);
    const ailleurs = await aMissionLocale(world.sequelize);
    const stranger = await aUser(world.sequelize, ailleurs);
    const memo = async (ml: string, auteur: string, portee: string, echeance: string | null, fait = false) => {
      const id = randomUUID();
      await world.sequelize.query(
        `INSERT INTO memo (id, mission_locale_id, auteur_id, portee, texte, echeance, fait_le) VALUES ($id, $ml, $auteur, $portee, 'Rappeler', $echeance::date, CASE WHEN $fait::boolean THEN now() END)`,
        { bind: { id, ml, auteur, portee, echeance, fait } },
      );
      return id;
    };
    const today = await memo(world.ml.id, conseiller.id, 'MOI', '2026-11-25');
    const late = await memo(world.ml.id, colleague.id, 'EQUIPE', '2026-11-20');
    await memo(world.ml.id, colleague.id, 'MOI', '2026-11-20');
    await memo(world.ml.id, conseiller.id, 'MOI', '2026-11-24', true);
    await memo(world.ml.id, conseiller.id, 'MOI', '2026-11-26');
    await memo(world.ml.id, conseiller.id, 'MOI', null);
    await memo(ailleurs.id, stranger.id, 'EQUIPE', '2026-11-20');

    const widget = donnees<{ total: number; enRetard: number; items: { id: string; enRetard: boolean }[] }>((await conseiller.portail()).body, 'memos');

    expect(widget.total).toBe(2);
    expect(widget.enRetard).toBe(1);
    expect(widget.items.map((item) => [item.id, item.enRetard])).toEqual([
      [late, true],
      [today, false],
    ]);
  });

  it('when the Mission Locale has sessions and internal offers, « Offre de service » lists the open sessions with free seats and the offers most proposed this month', async () => {
    const world = await aPortailWorld();
    const conseiller = await world.user(['conseiller']);
    const ailleurs = await aMissionLocale(world.sequelize);
    const stranger = await aUser(world.sequelize, ailleurs);
    const jeune = await world.jeune({ ...quiet, referentId: conseiller.id });
    const open = await aSession(world.sequelize, world.ml, conseiller.id, { debut: at('2026-11-27T09:00:00Z'), places: 3, titre: 'Atelier CV' });
    await anInscription(world.sequelize, open, jeune);
    const full = await aSession(world.sequelize, world.ml, conseiller.id, { debut: at('2026-11-26T09:00:00Z'), places: 1 });
    await anInscription(world.sequelize, full, jeune);
    await aSession(world.sequelize, world.ml, conseiller.id, { debut: at('2026-11-30T09:00:00Z'), dateLimiteInscription: '2026-11-24' });
    await aSession(world.sequelize, world.ml, conseiller.id, { debut: at('2026-11-28T09:00:00Z'), statut: 'ANNULEE' });
    await aSession(world.sequelize, ailleurs, stranger.id, { debut: at('2026-11-26T09:00:00Z') });
    const cv = await anOffre(world.sequelize, world.ml, { libelle: 'Atelier CV' });
    const logement = await anOffre(world.sequelize, world.ml, { libelle: 'Info logement', type: 'INFORMATION_COLLECTIVE' });
    for (const [offre, createdAt] of [
      [cv.id, '2026-11-03T10:00:00Z'],
      [cv.id, '2026-11-20T10:00:00Z'],
      [logement.id, '2026-11-21T10:00:00Z'],
      [logement.id, '2026-10-21T10:00:00Z'],
      [logement.id, '2026-10-22T10:00:00Z'],
    ] as const) {
      await aProposition(world.sequelize, jeune, { offreId: offre, createdAt });
    }

    const widget = donnees<{ sessions: Record<string, unknown>[]; offresInternes: Record<string, unknown>[] }>((await conseiller.portail()).body, 'offre-de-service');

    expect(widget.sessions).toEqual([{ id: open.id, titre: 'Atelier CV', debut: '2026-11-27T09:00:00.000Z', places: 3, placesLibres: 2 }]);
    expect(widget.offresInternes).toEqual([
      { id: cv.id, libelle: 'Atelier CV', type: 'ATELIER', utilisations: 2 },
      { id: logement.id, libelle: 'Info logement', type: 'INFORMATION_COLLECTIVE', utilisations: 1 },
    ]);
  });

  it('when the conseiller worked this week, « Mon activité » counts their rendez-vous held, no-shows and événements per day, Monday to Sunday', async () => {
    const world = await aPortailWorld();
    const conseiller = await world.user(['conseiller']);
    const colleague = await world.user(['conseiller']);
    const jeune = await world.jeune({ ...quiet, referentId: conseiller.id });
    await aRendezVous(world.sequelize, jeune, conseiller.id, { debut: at('2026-11-23T09:00:00Z'), statut: 'CLOS', presence: 'PRESENT' });
    await aRendezVous(world.sequelize, jeune, conseiller.id, { debut: at('2026-11-23T13:00:00Z'), statut: 'CLOS', presence: 'PRESENT' });
    await aRendezVous(world.sequelize, jeune, conseiller.id, { debut: at('2026-11-24T09:00:00Z'), statut: 'CLOS', presence: 'ABSENT' });
    await aRendezVous(world.sequelize, jeune, conseiller.id, { debut: at('2026-11-24T10:00:00Z'), statut: 'CLOS', presence: 'EXCUSE' });
    await aRendezVous(world.sequelize, jeune, conseiller.id, { debut: at('2026-11-20T09:00:00Z'), statut: 'CLOS', presence: 'PRESENT' });
    await aRendezVous(world.sequelize, jeune, colleague.id, { debut: at('2026-11-23T09:00:00Z'), statut: 'CLOS', presence: 'PRESENT' });
    // Sunday 22 at 23:30 in Paris is last week; Monday 23 at 00:30 is this one.
    await anEvenement(world.sequelize, jeune, conseiller.id, { dateHeure: at('2026-11-22T22:30:00Z') });
    await anEvenement(world.sequelize, jeune, conseiller.id, { dateHeure: at('2026-11-22T23:30:00Z') });
    await anEvenement(world.sequelize, jeune, conseiller.id, { dateHeure: at('2026-11-25T08:00:00Z') });
    await anEvenement(world.sequelize, jeune, conseiller.id, { dateHeure: at('2026-11-25T08:30:00Z'), supprime: true });
    await anEvenement(world.sequelize, jeune, colleague.id, { dateHeure: at('2026-11-25T08:00:00Z') });

    const widget = donnees<{ du: string; au: string; rendezVousTenus: number; evenements: number; absences: number; parJour: Record<string, unknown>[] }>(
      (await conseiller.portail()).body,
      'mon-activite',
    );

    expect([widget.du, widget.au, widget.rendezVousTenus, widget.absences, widget.evenements]).toEqual(['2026-11-23', '2026-11-29', 2, 1, 2]);
    expect(widget.parJour.length).toBe(7);
    expect(widget.parJour.slice(0, 3)).toEqual([
      { jour: '2026-11-23', rendezVousTenus: 2, evenements: 1, absences: 0 },
      { jour: '2026-11-24', rendezVousTenus: 0, evenements: 0, absences: 1 },
      { jour: '2026-11-25', rendezVousTenus: 0, evenements: 1, absences: 0 },
    ]);
  });
});
