import { randomUUID } from 'node:crypto';
import { aRendezVous } from '../support/agenda-builders';
import { aMissionLocale, aUser } from '../support/builders';
import { anEvenement } from '../support/suivi-builders';
import { aPortailWorld, donnees, setJeune } from './portail-world';

// The direction's figures on Wednesday 25 November 2026 (portail-world NOW), over « semaine »: this week so far is
// Monday 23 – Wednesday 25, compared with Monday 16 – Wednesday 18.

const at = (iso: string) => new Date(iso);

interface Indicateur {
  valeur: number;
  precedente: number | null;
  serie: { nom: string; valeur: number }[];
}

/** A Mission Locale with a second site (an antenne) whose conseiller's activity and a siège conseiller's, plus another Mission Locale's. */
const aDirectionWorld = async () => {
  const world = await aPortailWorld();
  const antenneId = randomUUID();
  await world.sequelize.query(`INSERT INTO site (id, mission_locale_id, nom, type, commune_insee) VALUES ($id, $ml, 'Antenne de Blaye', 'antenne', '33058')`, {
    bind: { id: antenneId, ml: world.ml.id },
  });
  const direction = await world.user(['direction']);
  const siege = await aUser(world.sequelize, world.ml);
  const antenne = await aUser(world.sequelize, { id: world.ml.id, siteId: antenneId });
  const ailleurs = await aMissionLocale(world.sequelize);
  const stranger = await aUser(world.sequelize, ailleurs);
  return { ...world, antenneId, direction, siege, antenne, ailleurs, stranger };
};

describe('Portail — the direction’s figures', () => {
  it('when the Mission Locale had activity this week and last, each figure counts its own Mission Locale, compares with the previous period and charts it per day', async () => {
    const world = await aDirectionWorld();
    const { siege, antenne } = world;
    const a = await world.jeune({ referentId: siege.id, nomNaissance: 'A' });
    const b = await world.jeune({ referentId: antenne.id, nomNaissance: 'B' });
    const c = await world.jeune({ referentId: siege.id, nomNaissance: 'C' });
    const foreign = await world.jeune({ referentId: world.stranger.id }, world.ailleurs);
    // Événements: A on Monday and Tuesday, B on Tuesday (two thèmes), C last Tuesday; a deleted one, one in the gap
    // between the periods, one of another Mission Locale.
    await anEvenement(world.sequelize, a, siege.id, { dateHeure: at('2026-11-23T09:00:00Z'), themes: ['EMPLOI'] });
    await anEvenement(world.sequelize, a, siege.id, { dateHeure: at('2026-11-24T09:00:00Z'), themes: ['EMPLOI'] });
    await anEvenement(world.sequelize, b, antenne.id, { dateHeure: at('2026-11-24T10:00:00Z'), themes: ['LOGEMENT', 'EMPLOI'] });
    await anEvenement(world.sequelize, c, siege.id, { dateHeure: at('2026-11-17T09:00:00Z'), themes: ['SANTE'] });
    await anEvenement(world.sequelize, c, siege.id, { dateHeure: at('2026-11-24T11:00:00Z'), supprime: true });
    await anEvenement(world.sequelize, c, siege.id, { dateHeure: at('2026-11-20T09:00:00Z') });
    await anEvenement(world.sequelize, foreign, world.stranger.id, { dateHeure: at('2026-11-24T09:00:00Z') });
    // Rendez-vous: 2 held and 1 no-show (an excused absence is no no-show) this week; 1 held, 1 no-show last week.
    for (const [jeune, debut, presence] of [
      [a, '2026-11-23T09:00:00Z', 'PRESENT'],
      [b, '2026-11-23T10:00:00Z', 'PRESENT'],
      [c, '2026-11-24T09:00:00Z', 'ABSENT'],
      [c, '2026-11-24T10:00:00Z', 'EXCUSE'],
      [a, '2026-11-16T09:00:00Z', 'PRESENT'],
      [b, '2026-11-17T09:00:00Z', 'ABSENT'],
    ] as const) {
      await aRendezVous(world.sequelize, jeune, jeune === b ? antenne.id : siege.id, { debut: at(debut), statut: 'CLOS', presence });
    }
    await aRendezVous(world.sequelize, foreign, world.stranger.id, { debut: at('2026-11-23T09:00:00Z'), statut: 'CLOS', presence: 'PRESENT' });
    // Premiers accueils: two this week, one last week, one of another Mission Locale.
    await setJeune(world.sequelize, a.id, { date_premier_accueil: '2026-11-23' });
    await setJeune(world.sequelize, b.id, { date_premier_accueil: '2026-11-25' });
    await setJeune(world.sequelize, c.id, { date_premier_accueil: '2026-11-16' });
    await setJeune(world.sequelize, foreign.id, { date_premier_accueil: '2026-11-24' });
    await setJeune(world.sequelize, c.id, { completude: 'complet' });

    const res = await world.direction.portail({ periode: 'semaine' });

    expect(res.status).toBe(200);
    const accompagnes = donnees<{ periode: string; du: string; au: string; indicateur: Indicateur }>(res.body, 'jeunes-accompagnes');
    expect([accompagnes.periode, accompagnes.du, accompagnes.au]).toEqual(['semaine', '2026-11-23', '2026-11-25']);
    expect(accompagnes.indicateur).toEqual({
      valeur: 2,
      precedente: 1,
      serie: [
        { nom: 'lun. 23', valeur: 1 },
        { nom: 'mar. 24', valeur: 2 },
        { nom: 'mer. 25', valeur: 0 },
      ],
    });
    const accueils = donnees<{ indicateur: Indicateur }>(res.body, 'premiers-accueils');
    expect(accueils.indicateur).toEqual({ valeur: 2, precedente: 1, serie: [{ nom: 'lun. 23', valeur: 1 }, { nom: 'mar. 24', valeur: 0 }, { nom: 'mer. 25', valeur: 1 }] });
    const tenus = donnees<{ indicateur: Indicateur; absences: number; tauxAbsence: number; tauxAbsencePrecedent: number }>(res.body, 'rendez-vous-tenus');
    expect(tenus.indicateur.valeur).toBe(2);
    expect(tenus.indicateur.precedente).toBe(1);
    expect(tenus.indicateur.serie.map((point) => point.valeur)).toEqual([2, 0, 0]);
    expect(tenus.absences).toBe(1);
    expect(tenus.tauxAbsence).toBeCloseTo(1 / 3, 6);
    expect(tenus.tauxAbsencePrecedent).toBe(0.5);
    const themes = donnees<{ indicateur: Indicateur; parTheme: { theme: string; libelle: string; valeur: number }[] }>(res.body, 'evenements-par-theme');
    expect([themes.indicateur.valeur, themes.indicateur.precedente]).toEqual([3, 1]);
    expect(themes.parTheme.map((theme) => [theme.theme, theme.valeur])).toEqual([
      ['EMPLOI', 3],
      ['LOGEMENT', 1],
    ]);
    expect(themes.parTheme[0]!.libelle).toBe('Emploi');
    const completude = donnees<{ total: number; parNiveau: { niveau: string; valeur: number }[] }>(res.body, 'dossiers-par-completude');
    expect(completude).toEqual({
      total: 3,
      parNiveau: [
        { niveau: 'partiel', valeur: 2 },
        { niveau: 'complet', valeur: 1 },
        { niveau: 'justifie', valeur: 0 },
      ],
    });

    // The antenne: what happened there or was done by its staff, and the dossiers its conseiller follows.
    const filtered = await world.direction.portail({ periode: 'semaine', site: world.antenneId });

    expect(donnees<{ indicateur: Indicateur }>(filtered.body, 'jeunes-accompagnes').indicateur.valeur).toBe(1);
    expect(donnees<{ indicateur: Indicateur }>(filtered.body, 'premiers-accueils').indicateur.valeur).toBe(1);
    expect(donnees<{ indicateur: Indicateur; absences: number }>(filtered.body, 'rendez-vous-tenus')).toEqual(
      jasmine.objectContaining({ absences: 0, tauxAbsence: 0, tauxAbsencePrecedent: 1 }),
    );
    expect(donnees<{ indicateur: Indicateur }>(filtered.body, 'evenements-par-theme').indicateur.valeur).toBe(1);
    expect(donnees<{ total: number }>(filtered.body, 'dossiers-par-completude').total).toBe(1);
  });

  it('when an événement of a siège conseiller took place at the antenne, it counts for the antenne', async () => {
    const world = await aDirectionWorld();
    const jeune = await world.jeune({ referentId: world.siege.id });
    await anEvenement(world.sequelize, jeune, world.siege.id, { dateHeure: at('2026-11-24T09:00:00Z'), siteId: world.antenneId });

    const antenne = await world.direction.portail({ periode: 'semaine', site: world.antenneId });
    const siege = await world.direction.portail({ periode: 'semaine', site: world.ml.siteId });

    expect(donnees<{ indicateur: Indicateur }>(antenne.body, 'jeunes-accompagnes').indicateur.valeur).toBe(1);
    expect(donnees<{ indicateur: Indicateur }>(siege.body, 'jeunes-accompagnes').indicateur.valeur).toBe(1);
  });

  it('when the period is the month or the quarter, the previous period covers as many days and the chart has its buckets', async () => {
    const world = await aDirectionWorld();
    const jeune = await world.jeune({ referentId: world.siege.id });
    await anEvenement(world.sequelize, jeune, world.siege.id, { dateHeure: at('2026-11-03T09:00:00Z') });
    await anEvenement(world.sequelize, jeune, world.siege.id, { dateHeure: at('2026-10-20T09:00:00Z') });
    await anEvenement(world.sequelize, jeune, world.siege.id, { dateHeure: at('2026-10-28T09:00:00Z') });

    const mois = donnees<{ du: string; au: string; indicateur: Indicateur }>((await world.direction.portail({ periode: 'mois' })).body, 'evenements-par-theme');
    const trimestre = donnees<{ du: string; indicateur: Indicateur }>((await world.direction.portail({ periode: 'trimestre' })).body, 'evenements-par-theme');

    expect([mois.du, mois.au, mois.indicateur.valeur, mois.indicateur.precedente]).toEqual(['2026-11-01', '2026-11-25', 1, 1]);
    expect(mois.indicateur.serie[0]).toEqual({ nom: 'sem. du 1 nov.', valeur: 0 });
    expect(mois.indicateur.serie[1]).toEqual({ nom: 'sem. du 2 nov.', valeur: 1 });
    expect([trimestre.du, trimestre.indicateur.valeur]).toEqual(['2026-10-01', 3]);
    expect(trimestre.indicateur.serie).toEqual([
      { nom: 'oct.', valeur: 2 },
      { nom: 'nov.', valeur: 1 },
    ]);
  });

  it('when an administrator opens their home, « Comptes » counts the staff accounts of their Mission Locale only', async () => {
    const world = await aPortailWorld();
    const admin = await world.user(['admin_ml']);
    await aUser(world.sequelize, world.ml, { password: null });
    await aUser(world.sequelize, world.ml, { active: false });
    await aUser(world.sequelize, world.ml, { roles: ['jeune'] });
    await aUser(world.sequelize, await aMissionLocale(world.sequelize));

    const comptes = donnees<{ actifs: number; enAttenteActivation: number; desactives: number }>((await admin.portail()).body, 'comptes');

    // The administrator themselves is the other active account.
    expect(comptes).toEqual({ actifs: 1, enAttenteActivation: 1, desactives: 1 });
  });
});
