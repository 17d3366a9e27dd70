import type * as z from 'zod';
import {
  annulationSchema,
  clotureSchema,
  reminderOffsetsSchema,
  rendezVousCreationSchema,
  rendezVousPatchSchema,
} from './rendez-vous.schema';
import {
  MODALITE_RENDEZ_VOUS_LABELS,
  MODALITES_RENDEZ_VOUS,
  STATUT_PRESENCE_LABELS,
  STATUTS_PRESENCE,
  TYPE_RENDEZ_VOUS_LABELS,
  TYPE_RENDEZ_VOUS_LABELS_JEUNE,
  TYPE_RENDEZ_VOUS_PAR_DEFAUT,
  TYPES_RENDEZ_VOUS,
  TYPES_RENDEZ_VOUS_COLLECTIFS,
  TYPES_RENDEZ_VOUS_INDIVIDUELS,
} from './rendez-vous.enums';

const errorsOf = (schema: z.ZodType, input: unknown) => {
  const parsed = schema.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
};

const JEUNE_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const SITE_ID = 'a3bb189e-8bf9-4888-9912-ace4e6543002';

const minimal = { jeuneId: JEUNE_ID, modalite: 'TELEPHONE', debut: '2026-12-07T09:00:00+04:00', dureeMinutes: 30 };

describe('rendez-vous enums', () => {
  it('when read, every type, modalité and presence has a French label, and the jeune sees the i-milo mirror as "Rendez-vous"', () => {
    for (const type of TYPES_RENDEZ_VOUS) {
      expect(TYPE_RENDEZ_VOUS_LABELS[type]).withContext(type).toMatch(/^\p{Lu}/u);
    }
    for (const modalite of MODALITES_RENDEZ_VOUS) {
      expect(MODALITE_RENDEZ_VOUS_LABELS[modalite]).withContext(modalite).toMatch(/^\p{Lu}/u);
    }
    expect(STATUTS_PRESENCE.map((statut) => STATUT_PRESENCE_LABELS[statut])).toEqual(['Présent', 'Absent', 'Excusé']);
    expect(TYPE_RENDEZ_VOUS_LABELS_JEUNE.RENDEZ_VOUS_MILO).toBe('Rendez-vous');
    expect(TYPE_RENDEZ_VOUS_LABELS_JEUNE.ATELIER).toBe('Atelier');
  });

  it('when the individual types are listed, they are all the types but the collective ones and the i-milo mirror', () => {
    expect([...TYPES_RENDEZ_VOUS_INDIVIDUELS, ...TYPES_RENDEZ_VOUS_COLLECTIFS, 'RENDEZ_VOUS_MILO'].sort()).toEqual([...TYPES_RENDEZ_VOUS].sort());
    expect((TYPES_RENDEZ_VOUS_INDIVIDUELS as readonly string[]).includes(TYPE_RENDEZ_VOUS_PAR_DEFAUT)).toBeTrue();
  });
});

describe('rendezVousCreationSchema', () => {
  it('when a minimal rendez-vous is sent, it is accepted with the default type, objet, presence and no place', () => {
    expect(rendezVousCreationSchema.parse(minimal)).toEqual({
      jeuneId: JEUNE_ID,
      type: 'ENTRETIEN_INDIVIDUEL_CONSEILLER',
      modalite: 'TELEPHONE',
      debut: '2026-12-07T09:00:00+04:00',
      dureeMinutes: 30,
      objet: 'Rendez-vous conseiller',
      commentaire: null,
      aApporter: null,
      presenceConseiller: true,
      siteId: null,
      adresse: null,
    });
  });

  it('when a client id, an objet and an internal comment are sent, they are kept, trimmed', () => {
    const id = '9b2f4c1e-3d5a-4e6f-8a7b-0c1d2e3f4a5b';
    const parsed = rendezVousCreationSchema.parse({ ...minimal, id, objet: ' Point CV ', commentaire: ' À relancer ' });
    expect([parsed.id, parsed.objet, parsed.commentaire]).toEqual([id, 'Point CV', 'À relancer']);
  });

  it('when the client id or the jeune is not a uuid, it is refused in French on that field', () => {
    expect(errorsOf(rendezVousCreationSchema, { ...minimal, id: 'abc', jeuneId: 'x' })).toEqual([
      { path: 'id', message: 'Identifiant invalide : un UUID est attendu.' },
      { path: 'jeuneId', message: 'Choisissez le jeune du rendez-vous.' },
    ]);
  });

  it('when the start has no offset, is not a date, or has an impossible offset, it is refused', () => {
    for (const debut of ['2026-12-07T09:00:00', '2026-12-07', 'demain', '2026-12-07T09:00:00+15:00', '1999-12-07T09:00:00Z']) {
      expect(errorsOf(rendezVousCreationSchema, { ...minimal, debut }))
        .withContext(debut)
        .toEqual([{ path: 'debut', message: 'Le début du rendez-vous : une date et une heure valides.' }]);
    }
  });

  it('when the duration is 5 or 480 minutes it is accepted; 4, 481 or a fraction is refused in French', () => {
    expect(rendezVousCreationSchema.parse({ ...minimal, dureeMinutes: 5 }).dureeMinutes).toBe(5);
    expect(rendezVousCreationSchema.parse({ ...minimal, dureeMinutes: 480 }).dureeMinutes).toBe(480);
    expect(errorsOf(rendezVousCreationSchema, { ...minimal, dureeMinutes: 4 })).toEqual([{ path: 'dureeMinutes', message: 'La durée : 5 minutes au moins.' }]);
    expect(errorsOf(rendezVousCreationSchema, { ...minimal, dureeMinutes: 481 })).toEqual([{ path: 'dureeMinutes', message: 'La durée : 8 heures au plus.' }]);
    expect(errorsOf(rendezVousCreationSchema, { ...minimal, dureeMinutes: 30.5 })).toEqual([
      { path: 'dureeMinutes', message: 'La durée : un nombre entier de minutes.' },
    ]);
  });

  it('when the rendez-vous is on site, the site is required; with it, it is accepted', () => {
    expect(errorsOf(rendezVousCreationSchema, { ...minimal, modalite: 'PRESENTIEL_SITE' })).toEqual([
      { path: 'siteId', message: 'Choisissez le site de la Mission Locale.' },
    ]);
    expect(rendezVousCreationSchema.parse({ ...minimal, modalite: 'PRESENTIEL_SITE', siteId: SITE_ID }).siteId).toBe(SITE_ID);
  });

  it('when the rendez-vous is elsewhere, the address is required; with it, it is accepted, trimmed', () => {
    expect(errorsOf(rendezVousCreationSchema, { ...minimal, modalite: 'AUTRE_LIEU' })).toEqual([{ path: 'adresse', message: "Précisez l'adresse du rendez-vous." }]);
    expect(errorsOf(rendezVousCreationSchema, { ...minimal, modalite: 'AUTRE_LIEU', adresse: '   ' })).toEqual([{ path: 'adresse', message: "L'adresse : à renseigner." }]);
    expect(rendezVousCreationSchema.parse({ ...minimal, modalite: 'AUTRE_LIEU', adresse: ' 3 rue du Port ' }).adresse).toBe('3 rue du Port');
  });

  it('when a site or an address is sent with a modalité that has none, it is refused on that field', () => {
    expect(errorsOf(rendezVousCreationSchema, { ...minimal, modalite: 'VISIO', siteId: SITE_ID, adresse: '3 rue du Port' })).toEqual([
      { path: 'siteId', message: 'Un site ne se choisit que pour un rendez-vous sur site.' },
      { path: 'adresse', message: 'Une adresse ne se précise que pour un rendez-vous dans un autre lieu.' },
    ]);
  });

  it('when the modalité or the type is unknown, it is refused in French', () => {
    expect(errorsOf(rendezVousCreationSchema, { ...minimal, modalite: 'PIGEON' })).toEqual([
      { path: 'modalite', message: 'Modalité inconnue : sur site, par téléphone, en visio ou dans un autre lieu.' },
    ]);
    expect(errorsOf(rendezVousCreationSchema, { ...minimal, type: 'FETE' })).toEqual([{ path: 'type', message: 'Type de rendez-vous inconnu.' }]);
  });

  it('when the type is collective or the i-milo mirror, it is refused: those are planned elsewhere', () => {
    for (const type of TYPES_RENDEZ_VOUS_COLLECTIFS) {
      expect(errorsOf(rendezVousCreationSchema, { ...minimal, type }))
        .withContext(type)
        .toEqual([{ path: 'type', message: 'Un atelier ou une information collective se planifie comme session collective.' }]);
    }
    expect(errorsOf(rendezVousCreationSchema, { ...minimal, type: 'RENDEZ_VOUS_MILO' })).toEqual([
      { path: 'type', message: 'Un rendez-vous i-milo se crée et se modifie dans i-milo.' },
    ]);
  });

  it('when the conseiller is said absent, it is accepted except for an entretien individuel conseiller (§c.4)', () => {
    expect(errorsOf(rendezVousCreationSchema, { ...minimal, presenceConseiller: false })).toEqual([
      { path: 'presenceConseiller', message: 'Le conseiller est présent à un entretien individuel conseiller.' },
    ]);
    expect(rendezVousCreationSchema.parse({ ...minimal, type: 'ENTRETIEN_PARTENAIRE', presenceConseiller: false }).presenceConseiller).toBeFalse();
  });

  it('when an unknown field is sent, it is refused', () => {
    expect(errorsOf(rendezVousCreationSchema, { ...minimal, titre: 'x' }).map((error) => error.path)).toEqual(['']);
  });
});

describe('rendezVousPatchSchema', () => {
  it('when an edit carries the version read, it is accepted with the same defaults and rules as a creation', () => {
    expect(rendezVousPatchSchema.parse({ ...minimal, version: 3 })).toEqual({ ...rendezVousCreationSchema.parse(minimal), version: 3 });
    expect(errorsOf(rendezVousPatchSchema, { ...minimal, version: 3, modalite: 'PRESENTIEL_SITE' })).toEqual([
      { path: 'siteId', message: 'Choisissez le site de la Mission Locale.' },
    ]);
  });

  it('when the version is missing or a client id is sent, it is refused', () => {
    expect(errorsOf(rendezVousPatchSchema, minimal)).toEqual([{ path: 'version', message: 'La version du rendez-vous lue est requise.' }]);
    expect(errorsOf(rendezVousPatchSchema, { ...minimal, version: 1, id: JEUNE_ID }).map((error) => error.path)).toEqual(['']);
  });
});

describe('annulationSchema and clotureSchema', () => {
  it('when a cancellation has a reason it is kept trimmed; an empty reason is refused in French', () => {
    expect(annulationSchema.parse({ motif: ' Jeune malade ' })).toEqual({ motif: 'Jeune malade' });
    expect(errorsOf(annulationSchema, { motif: ' ' })).toEqual([{ path: 'motif', message: "Le motif d'annulation : à renseigner." }]);
  });

  it('when a closing says présent, absent or excusé it is accepted; anything else is refused in French', () => {
    for (const presence of STATUTS_PRESENCE) {
      expect(clotureSchema.parse({ presence })).toEqual({ presence });
    }
    expect(errorsOf(clotureSchema, { presence: 'PLANIFIE' })).toEqual([{ path: 'presence', message: 'La présence : présent, absent ou excusé.' }]);
  });
});

describe('reminderOffsetsSchema', () => {
  it('when a Mission Locale sets its offsets, they are normalised and sorted farthest first; none is allowed', () => {
    expect(reminderOffsetsSchema.parse(['j-1', ' J-7 ', 'J-30'])).toEqual(['J-30', 'J-7', 'J-1']);
    expect(reminderOffsetsSchema.parse([])).toEqual([]);
  });

  it('when an offset is out of J-1..J-30, repeated, or there are more than three, it is refused in French', () => {
    for (const offset of ['J-0', 'J-31', 'J-01', 'J+1', '7']) {
      expect(errorsOf(reminderOffsetsSchema, [offset])).withContext(offset).toEqual([{ path: '0', message: 'Un rappel : « J-1 » à « J-30 ».' }]);
    }
    expect(errorsOf(reminderOffsetsSchema, ['J-1', 'j-1'])).toEqual([{ path: '', message: 'Un rappel ne peut être choisi deux fois.' }]);
    expect(errorsOf(reminderOffsetsSchema, ['J-1', 'J-2', 'J-3', 'J-4'])).toEqual([{ path: '', message: 'Trois rappels au plus.' }]);
  });
});
