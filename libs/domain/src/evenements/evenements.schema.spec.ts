import type * as z from 'zod';
import { evenementCreationSchema, idempotencyKeySchema, propositionCreationSchema, timelineQuerySchema } from './evenements.schema';

const errorsOf = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
};

const SITE_ID = 'a3bb189e-8bf9-4888-9912-ace4e6543002';

const minimal = { date: '2026-11-29T14:30:00+01:00', typeCode: 'ENTRETIEN_INDIVIDUEL', lieu: { type: 'DISTANCE' }, themes: ['EMPLOI'] };

describe('evenementCreationSchema', () => {
  it('when a minimal événement is sent, it is accepted and the missing fields get their defaults', () => {
    expect(evenementCreationSchema.parse(minimal)).toEqual({
      date: '2026-11-29T14:30:00+01:00',
      dureeMinutes: null,
      typeCode: 'ENTRETIEN_INDIVIDUEL',
      lieu: { type: 'DISTANCE' },
      themes: ['EMPLOI'],
      objet: null,
      contexte: null,
      partenaire: null,
      actions: [],
      propositions: [],
    });
  });

  it('when the type code is typed in lower case with spaces around, it is normalised', () => {
    expect(evenementCreationSchema.parse({ ...minimal, typeCode: ' atelier ' }).typeCode).toBe('ATELIER');
  });

  it('when the date is in UTC (Z), it is accepted as is', () => {
    expect(evenementCreationSchema.parse({ ...minimal, date: '2026-11-29T13:30:00Z' }).date).toBe('2026-11-29T13:30:00Z');
  });

  it('when the lieu is a site with its uuid or an address, it is accepted', () => {
    expect(evenementCreationSchema.parse({ ...minimal, lieu: { type: 'SITE', siteId: SITE_ID } }).lieu).toEqual({ type: 'SITE', siteId: SITE_ID });
    expect(evenementCreationSchema.parse({ ...minimal, lieu: { type: 'ADRESSE', adresse: ' 3 rue du Port ' } }).lieu).toEqual({
      type: 'ADRESSE',
      adresse: '3 rue du Port',
    });
  });

  it('when a thème is chosen twice, it is kept once, in the order first chosen', () => {
    expect(evenementCreationSchema.parse({ ...minimal, themes: ['SANTE', 'EMPLOI', 'SANTE', 'EMPLOI'] }).themes).toEqual(['SANTE', 'EMPLOI']);
  });

  it('when no thème is chosen, it is refused in French', () => {
    expect(errorsOf(evenementCreationSchema, { ...minimal, themes: [] })).toEqual([{ path: 'themes', message: 'Choisissez au moins un thème.' }]);
  });

  it('when a thème is unknown, it is refused at its index', () => {
    expect(errorsOf(evenementCreationSchema, { ...minimal, themes: ['EMPLOI', 'CUISINE'] })).toEqual([{ path: 'themes.1', message: 'Thème inconnu.' }]);
  });

  it('when more thèmes are sent than exist, it is refused: one was chosen twice', () => {
    expect(errorsOf(evenementCreationSchema, { ...minimal, themes: Array(10).fill('EMPLOI') })).toEqual([
      { path: 'themes', message: 'Un thème ne peut être choisi deux fois.' },
    ]);
  });

  it('when the lieu is a site without a valid uuid, it asks to choose a site', () => {
    expect(errorsOf(evenementCreationSchema, { ...minimal, lieu: { type: 'SITE' } })).toEqual([
      { path: 'lieu.siteId', message: 'Choisissez un site de la Mission Locale.' },
    ]);
    expect(errorsOf(evenementCreationSchema, { ...minimal, lieu: { type: 'SITE', siteId: 'mairie' } })).toEqual([
      { path: 'lieu.siteId', message: 'Choisissez un site de la Mission Locale.' },
    ]);
  });

  it('when the lieu has an unknown type, it is refused in French', () => {
    expect(errorsOf(evenementCreationSchema, { ...minimal, lieu: { type: 'DOMICILE' } })).toEqual([
      { path: 'lieu.type', message: 'Lieu : un site, une adresse ou « à distance ».' },
    ]);
  });

  it('when the duration is 0 or above 720 minutes, it is refused; 1 and 720 are accepted', () => {
    expect(errorsOf(evenementCreationSchema, { ...minimal, dureeMinutes: 0 })).toEqual([{ path: 'dureeMinutes', message: 'La durée : une minute au moins.' }]);
    expect(errorsOf(evenementCreationSchema, { ...minimal, dureeMinutes: 721 })).toEqual([{ path: 'dureeMinutes', message: 'La durée : 12 heures au plus.' }]);
    expect(errorsOf(evenementCreationSchema, { ...minimal, dureeMinutes: 1.5 })).toEqual([{ path: 'dureeMinutes', message: 'La durée : un nombre entier de minutes.' }]);
    expect(evenementCreationSchema.parse({ ...minimal, dureeMinutes: 1 }).dureeMinutes).toBe(1);
    expect(evenementCreationSchema.parse({ ...minimal, dureeMinutes: 720 }).dureeMinutes).toBe(720);
  });

  it('when the date has no offset, is only a day, or is before 2000, it is refused in French', () => {
    for (const date of ['2026-11-29T14:30:00', '2026-11-29', '29/11/2026 14:30', '1999-12-31T23:00:00Z', '0001-01-01T00:00:00Z']) {
      expect(errorsOf(evenementCreationSchema, { ...minimal, date }))
        .withContext(date)
        .toEqual([{ path: 'date', message: "La date de l'événement : une date et une heure valides." }]);
    }
    expect(errorsOf(evenementCreationSchema, { ...minimal, date: '2000-01-01T00:00:00Z' })).toEqual([]);
  });

  it('when the offset is one no place has (beyond ±14:00) or the instant passes year 9999, it is refused; +14:00 passes', () => {
    for (const date of ['2026-11-29T14:30:00+15:00', '2026-11-29T14:30:00-23:59', '9999-12-31T23:00:00-02:00']) {
      expect(errorsOf(evenementCreationSchema, { ...minimal, date }))
        .withContext(date)
        .toEqual([{ path: 'date', message: "La date de l'événement : une date et une heure valides." }]);
    }
    expect(errorsOf(evenementCreationSchema, { ...minimal, date: '2026-11-29T14:30:00+14:00' })).toEqual([]);
  });

  it('when an unknown key is sent, it is refused (strict body)', () => {
    expect(errorsOf(evenementCreationSchema, { ...minimal, commentaire: 'x' }).map((error) => error.path)).toEqual(['']);
    expect(errorsOf(evenementCreationSchema, { ...minimal, lieu: { type: 'DISTANCE', siteId: SITE_ID } }).length).toBe(1);
  });

  it('when a required field is missing, every issue carries a message', () => {
    const errors = errorsOf(evenementCreationSchema, {});
    expect(errors.map((error) => error.path).sort()).toEqual(['date', 'lieu', 'themes', 'typeCode']);
    for (const error of errors) {
      expect(error.message).withContext(error.path).not.toBe('');
    }
  });

  it('when actions and propositions are decided during it, they are parsed with their own defaults', () => {
    const parsed = evenementCreationSchema.parse({
      ...minimal,
      actions: [{ titre: 'Mettre à jour son CV', echeance: '2026-12-05' }],
      propositions: [{ libelle: 'Atelier CV', theme: 'EMPLOI' }],
    });
    expect(parsed.actions).toEqual([{ titre: 'Mettre à jour son CV', description: null, echeance: '2026-12-05' }]);
    expect(parsed.propositions).toEqual([{ offreId: null, libelle: 'Atelier CV', theme: 'EMPLOI', partenaire: null, commentaire: null }]);
  });

  it('when a proposition inside it has neither offre nor libellé, the issue points into the list', () => {
    expect(errorsOf(evenementCreationSchema, { ...minimal, propositions: [{ theme: 'EMPLOI' }] })).toEqual([
      { path: 'propositions.0.libelle', message: 'Choisissez une offre ou saisissez un libellé.' },
    ]);
  });
});

describe('propositionCreationSchema', () => {
  it('when only an offre is given, it is accepted: its libellé and thème come from it', () => {
    expect(propositionCreationSchema.parse({ offreId: SITE_ID })).toEqual({
      offreId: SITE_ID,
      libelle: null,
      theme: null,
      partenaire: null,
      commentaire: null,
    });
  });

  it('when there is no offre, a libellé and a thème are both needed, each reported on its path', () => {
    expect(errorsOf(propositionCreationSchema, {})).toEqual([
      { path: 'libelle', message: 'Choisissez une offre ou saisissez un libellé.' },
      { path: 'theme', message: 'Sans offre choisie, précisez le thème.' },
    ]);
    expect(errorsOf(propositionCreationSchema, { libelle: 'Atelier CV' })).toEqual([{ path: 'theme', message: 'Sans offre choisie, précisez le thème.' }]);
    expect(errorsOf(propositionCreationSchema, { theme: 'FORMATION' })).toEqual([
      { path: 'libelle', message: 'Choisissez une offre ou saisissez un libellé.' },
    ]);
    expect(errorsOf(propositionCreationSchema, { offreId: null, libelle: null, theme: 'FORMATION' })).toEqual([
      { path: 'libelle', message: 'Choisissez une offre ou saisissez un libellé.' },
    ]);
  });

  it('when a free libellé and thème are given, it is accepted, trimmed', () => {
    expect(propositionCreationSchema.parse({ libelle: '  Atelier CV ', theme: 'EMPLOI', date: '2026-11-29' })).toEqual({
      offreId: null,
      libelle: 'Atelier CV',
      theme: 'EMPLOI',
      partenaire: null,
      commentaire: null,
      date: '2026-11-29',
    });
  });

  it('when the libellé is blank, it is refused as empty', () => {
    expect(errorsOf(propositionCreationSchema, { libelle: '   ', theme: 'EMPLOI' })).toEqual([{ path: 'libelle', message: 'Le libellé : à renseigner.' }]);
  });

  it('when the offre id is not a uuid, it is refused in French', () => {
    expect(errorsOf(propositionCreationSchema, { offreId: 'P61' })).toEqual([{ path: 'offreId', message: "Choisissez une offre de l'offre de service." }]);
  });
});

describe('timelineQuerySchema', () => {
  it('when nothing is asked, a page of 50 of every kind is read', () => {
    expect(timelineQuerySchema.parse({})).toEqual({ limit: 50 });
  });

  it('when kinds are listed comma-separated, they are read as a list', () => {
    expect(timelineQuerySchema.parse({ kinds: 'evenement,proposition' })).toEqual({ limit: 50, kinds: ['evenement', 'proposition'] });
    expect(timelineQuerySchema.parse({ kinds: 'situation,,action,' }).kinds).toEqual(['situation', 'action']);
  });

  it('when a kind is unknown, it is refused in French at its index', () => {
    expect(errorsOf(timelineQuerySchema, { kinds: 'evenement,rendezvous' })).toEqual([
      { path: 'kinds.1', message: 'Type inconnu : evenement, proposition, action ou situation.' },
    ]);
  });

  it('when kinds is empty, it is refused', () => {
    expect(errorsOf(timelineQuerySchema, { kinds: ',' }).map((error) => error.path)).toEqual(['kinds']);
  });

  it('when the limit comes from the query string, it is read as a number within 1..200', () => {
    expect(timelineQuerySchema.parse({ limit: '20' }).limit).toBe(20);
    expect(timelineQuerySchema.parse({ limit: '1' }).limit).toBe(1);
    expect(timelineQuerySchema.parse({ limit: '200' }).limit).toBe(200);
    for (const limit of ['0', '-5', '201', '1000']) {
      expect(errorsOf(timelineQuerySchema, { limit })).withContext(limit).toEqual([{ path: 'limit', message: 'La taille de page : 1 à 200.' }]);
    }
    for (const limit of ['abc', '1.5']) {
      expect(errorsOf(timelineQuerySchema, { limit })).withContext(limit).toEqual([{ path: 'limit', message: 'La taille de page : un nombre.' }]);
    }
  });

  it('when the cursor is longer than 200 characters or an unknown parameter is sent, it is refused', () => {
    expect(errorsOf(timelineQuerySchema, { cursor: 'a'.repeat(201) })).toEqual([{ path: 'cursor', message: 'Curseur invalide.' }]);
    expect(errorsOf(timelineQuerySchema, { page: '2' }).map((error) => error.path)).toEqual(['']);
  });
});

describe('idempotencyKeySchema', () => {
  const message = "L'en-tête Idempotency-Key : 8 à 100 caractères parmi lettres, chiffres, « - » et « _ ».";

  it('when the key is a UUID, or 8 to 100 URL-safe characters, it passes', () => {
    expect(idempotencyKeySchema.parse(SITE_ID)).toBe(SITE_ID);
    expect(idempotencyKeySchema.safeParse('abcd_EF-').success).toBeTrue();
    expect(idempotencyKeySchema.safeParse('k'.repeat(100)).success).toBeTrue();
  });

  it('when the key is too short, too long, or has a space or another character, it is refused in French', () => {
    for (const key of ['abcdefg', 'abcd efgh', 'k'.repeat(101), 'abcd/efgh', 'clé-accentuée', '']) {
      expect(errorsOf(idempotencyKeySchema, key)).withContext(key).toEqual([{ path: '', message }]);
    }
  });
});
