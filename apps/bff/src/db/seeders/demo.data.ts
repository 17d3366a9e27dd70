import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Faker } from '@faker-js/faker';
import { type BiProfil, monthsBeforeUtc, type Role } from '@imilo/domain';

/** The password of every demo account. */
export const DEMO_PASSWORD = 'Demo-imilo-2026!';

/** How many dossiers each demo Mission Locale holds. */
export const JEUNES_PER_MISSION_LOCALE = 300;

/**
 * A fixed uuid for a demo object, derived from its name (sha1, shaped as a version-5 uuid): the demo data has
 * the same ids in every database, so links and bookmarks into it survive a re-seed.
 */
export const demoId = (name: string): string => {
  const hex = createHash('sha1').update(`imilo-demo:${name}`).digest('hex');
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
};

/** The two demo régions (official codes). */
export const DEMO_REGIONS = [
  { id: demoId('region:75'), code: '75', nom: 'Nouvelle-Aquitaine' },
  { id: demoId('region:04'), code: '04', nom: 'La Réunion' },
] as const;

/** A site of a demo Mission Locale, in a commune given by its INSEE code. */
export interface DemoSite {
  readonly key: string;
  readonly id: string;
  readonly nom: string;
  readonly type: 'siege' | 'antenne';
  readonly communeInsee: string;
}

/** First names, by sex. */
export interface Prenoms {
  readonly F: readonly string[];
  readonly M: readonly string[];
}

/** The two generations the demo names: the jeunes (born 2000–2010) and the staff (today's working adults). */
export type Generation = 'jeunes' | 'adultes';

/** Names common in a territory beyond the national ones. */
export interface LocalNames {
  readonly prenoms: Readonly<Record<Generation, Prenoms>>;
  readonly noms: readonly string[];
}

// Curated rather than faker's fr locale, whose first names are of every century ("Agilberte", "Adalbéron"):
// frequent names of each generation (INSEE, Fichier des prénoms), spelt with their accents as registered.

/** First names frequent among those born in France from 2000 to 2010. */
export const PRENOMS_JEUNES: Prenoms = {
  F: [
    'Léa', 'Chloé', 'Emma', 'Manon', 'Inès', 'Camille', 'Sarah', 'Jade', 'Océane', 'Clara', 'Lola', 'Maëlys', 'Anaïs',
    'Lucie', 'Zoé', 'Louise', 'Lina', 'Juliette', 'Mathilde', 'Julie', 'Laura', 'Marie', 'Pauline', 'Eva', 'Romane',
    'Lilou', 'Clémence', 'Léna', 'Margaux', 'Marine', 'Alice', 'Elsa', 'Justine', 'Noémie', 'Louna', 'Maëlle', 'Yasmine',
    'Aïcha', 'Salomé', 'Ambre', 'Lisa', 'Axelle', 'Charlotte', 'Célia', 'Élise', 'Agathe', 'Kenza', 'Amira', 'Imane',
    'Maïssa', 'Rania', 'Lou',
  ],
  M: [
    'Lucas', 'Théo', 'Thomas', 'Hugo', 'Maxime', 'Enzo', 'Nathan', 'Mathis', 'Louis', 'Clément', 'Alexandre', 'Antoine',
    'Quentin', 'Baptiste', 'Romain', 'Léo', 'Tom', 'Noah', 'Gabriel', 'Jules', 'Ethan', 'Yanis', 'Kylian', 'Noé', 'Mehdi',
    'Rayan', 'Adam', 'Wassim', 'Bilal', 'Ilyès', 'Evan', 'Mattéo', 'Timothée', 'Raphaël', 'Arthur', 'Valentin',
    'Corentin', 'Paul', 'Victor', 'Axel', 'Killian', 'Sacha', 'Hamza', 'Amine', 'Ryan', 'Sofiane', 'Nolan', 'Esteban',
    'Matthieu', 'Loïc',
  ],
};

/** First names frequent among today's working adults (born from the mid-1960s to the late 1990s). */
export const PRENOMS_ADULTES: Prenoms = {
  F: [
    'Nathalie', 'Isabelle', 'Sandrine', 'Stéphanie', 'Céline', 'Émilie', 'Julie', 'Aurélie', 'Audrey', 'Caroline',
    'Élodie', 'Virginie', 'Sophie', 'Hélène', 'Camille', 'Mélanie', 'Karine', 'Valérie', 'Sabrina', 'Vanessa', 'Marion',
    'Amandine', 'Claire', 'Delphine', 'Sarah', 'Laura', 'Pauline', 'Fatima', 'Nadia', 'Samira', 'Jessica', 'Charlotte',
    'Anaïs', 'Marine', 'Laëtitia', 'Séverine', 'Christelle', 'Véronique', 'Coralie', 'Mélissa', 'Anne-Sophie', 'Chloé',
  ],
  M: [
    'Julien', 'Thomas', 'Nicolas', 'Sébastien', 'Guillaume', 'Jérôme', 'Stéphane', 'Christophe', 'Frédéric', 'David',
    'Olivier', 'Pierre', 'Mathieu', 'Jérémy', 'Loïc', 'Romain', 'Maxime', 'Alexandre', 'Anthony', 'Kévin', 'Florian',
    'Benjamin', 'Vincent', 'Cédric', 'Arnaud', 'Laurent', 'Karim', 'Mehdi', 'Rachid', 'Yannick', 'Fabien', 'Damien',
    'Antoine', 'Benoît', 'François', 'Grégory', 'Ludovic', 'Jean-Baptiste', 'Théo',
  ],
};

/** Surnames frequent in metropolitan France, Gascon ones included for the Garonne. */
export const NOMS: readonly string[] = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent',
  'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André',
  'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc',
  'Guérin', 'Muller', 'Henry', 'Roussel', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez',
  'Fontaine', 'Chevalier', 'Robin', 'Masson', 'Sanchez', 'Gérard', 'Nguyen', 'Boyer', 'Denis', 'Lemaire', 'Duval',
  'Joly', 'Roche', 'Noël', 'Meunier', 'Pérez', 'Marchand', 'Dufour', 'Blanchard', 'Barbier', 'Brun', 'Dumas', 'Brunet',
  'Colin', 'Fernandez', 'Benali', 'Haddad', 'Diallo', 'Traoré', 'Da Silva', 'Ferreira', 'Martins', 'Lacroix', 'Dupuy',
  'Lafon', 'Labat', 'Lalanne', 'Lafargue',
];

/** Names frequent in La Réunion, used beside the national ones by Mission Locale Sud Réunion. */
export const REUNION_NAMES: LocalNames = {
  prenoms: {
    jeunes: {
      F: ['Océane', 'Mélissa', 'Maëva', 'Laurie', 'Coralie', 'Lindsay', 'Kelly', 'Johanna', 'Annaëlle', 'Émeline'],
      M: ['Dylan', 'Kévin', 'Jordan', 'Bryan', 'Yohan', 'Anthony', 'Jérémy', 'Mickaël', 'Steeve', 'Warren'],
    },
    adultes: {
      F: ['Laëtitia', 'Mélissa', 'Océane', 'Cindy', 'Jessica', 'Nadège', 'Priscilla', 'Jennifer', 'Sabine', 'Marie-Claire'],
      M: ['Kévin', 'Jordan', 'Dylan', 'Johnny', 'Jimmy', 'Teddy', 'Fabrice', 'Jean-Marc', 'Mickaël', 'Willy'],
    },
  },
  // Payet, Hoarau and Grondin lead the island's surnames.
  noms: [
    'Payet', 'Hoarau', 'Grondin', 'Fontaine', 'Robert', 'Técher', 'Rivière', 'Boyer', 'Maillot', 'Nativel', 'Hoareau',
    'Lebon', 'Turpin', 'Gonthier', 'Dijoux', 'Lauret', 'Morel', 'Clain', 'Bègue', 'Baret', 'Léger', 'Sautron', 'Ethève',
    'Mussard', 'Damour', 'Cadet', 'Ramassamy', 'Vellayoudom', 'Ahamada',
  ],
};

/** A demo Mission Locale, its sites and how its jeunes are reached by phone. */
export interface DemoMissionLocale {
  readonly key: 'garonne' | 'sud-reunion';
  readonly id: string;
  readonly codeImilo: string;
  readonly nom: string;
  readonly regionId: string;
  readonly codeDepartement: string;
  readonly timezone: string;
  readonly phonePrefix: string;
  readonly sites: readonly DemoSite[];
  /** The territory's own frequent names, drawn beside the national ones. */
  readonly localNames?: LocalNames;
}

const site = (ml: string, key: string, nom: string, type: DemoSite['type'], communeInsee: string): DemoSite => ({
  key,
  id: demoId(`site:${ml}:${key}`),
  nom,
  type,
  communeInsee,
});

export const DEMO_MISSIONS_LOCALES: readonly DemoMissionLocale[] = [
  {
    key: 'garonne',
    id: demoId('mission-locale:garonne'),
    codeImilo: '33901S00',
    nom: 'Mission Locale Garonne',
    regionId: DEMO_REGIONS[0].id,
    codeDepartement: '33',
    timezone: 'Europe/Paris',
    phonePrefix: '06',
    sites: [
      site('garonne', 'bordeaux', 'Bordeaux – Siège', 'siege', '33063'),
      site('garonne', 'merignac', 'Mérignac – Antenne', 'antenne', '33281'),
    ],
  },
  {
    key: 'sud-reunion',
    id: demoId('mission-locale:sud-reunion'),
    codeImilo: '97401S00',
    nom: 'Mission Locale Sud Réunion',
    regionId: DEMO_REGIONS[1].id,
    codeDepartement: '974',
    timezone: 'Indian/Reunion',
    phonePrefix: '0692',
    localNames: REUNION_NAMES,
    sites: [
      site('sud-reunion', 'saint-pierre', 'Saint-Pierre – Siège', 'siege', '97416'),
      site('sud-reunion', 'le-tampon', 'Le Tampon – Antenne', 'antenne', '97422'),
    ],
  },
];

/** A demo account. */
export interface DemoAccount {
  readonly login: string;
  readonly prenom: string;
  readonly nom: string;
  readonly roles: readonly Role[];
  readonly biProfils?: readonly BiProfil[];
  readonly missionLocale: DemoMissionLocale['key'];
  readonly site?: string;
  /** How long ago the password was chosen; past the lifetime, the user must change it at sign-in. */
  readonly passwordAgeDays?: number;
  /** False: the user must accept the CGU at sign-in. */
  readonly cguAccepted?: boolean;
}

/** The first names of a generation in the Mission Locale: the national ones, and its territory's. */
export const prenomsOf = (generation: Generation, ml: DemoMissionLocale): Prenoms => {
  const local = ml.localNames?.prenoms[generation];
  const national = generation === 'jeunes' ? PRENOMS_JEUNES : PRENOMS_ADULTES;
  return {
    F: [...new Set([...national.F, ...(local?.F ?? [])])],
    M: [...new Set([...national.M, ...(local?.M ?? [])])],
  };
};

// How often a territory's own names are drawn rather than national ones (La Réunion: often, not always).
const LOCAL_PRENOM_SHARE = 0.4;
const LOCAL_NOM_SHARE = 0.7;

/** A surname for someone of the Mission Locale: mostly its territory's own, when it has some. */
export const aNom = (faker: Faker, ml: DemoMissionLocale): string =>
  faker.helpers.arrayElement(ml.localNames && faker.datatype.boolean(LOCAL_NOM_SHARE) ? ml.localNames.noms : NOMS);

/** A first name of the generation in the Mission Locale (see `prenomsOf`), of either sex unless told. */
export const aPrenom = (faker: Faker, generation: Generation, ml: DemoMissionLocale, sexe?: 'F' | 'M'): string => {
  const local = ml.localNames?.prenoms[generation];
  const prenoms = local && faker.datatype.boolean(LOCAL_PRENOM_SHARE) ? local : generation === 'jeunes' ? PRENOMS_JEUNES : PRENOMS_ADULTES;
  return faker.helpers.arrayElement(sexe ? prenoms[sexe] : [...prenoms.F, ...prenoms.M]);
};

/** The accounts the demo is walked through with, one per situation worth showing. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { login: 'demo.conseiller', prenom: 'Camille', nom: 'Durand', roles: ['conseiller'], missionLocale: 'garonne', site: 'bordeaux' },
  { login: 'demo.direction', prenom: 'Hélène', nom: 'Marchand', roles: ['direction'], missionLocale: 'garonne', site: 'bordeaux' },
  { login: 'demo.admin', prenom: 'Julien', nom: 'Lefèvre', roles: ['admin_ml'], missionLocale: 'garonne', site: 'bordeaux' },
  { login: 'demo.conseiller2', prenom: 'Mélissa', nom: 'Payet', roles: ['conseiller'], missionLocale: 'sud-reunion', site: 'saint-pierre' },
  {
    login: 'demo.bi.valideur',
    prenom: 'Thomas',
    nom: 'Garnier',
    roles: ['conseiller'],
    biProfils: ['valideur'],
    missionLocale: 'garonne',
    site: 'merignac',
  },
  { login: 'demo.admin.national', prenom: 'Nathalie', nom: 'Rousseau', roles: ['admin_national'], missionLocale: 'garonne' },
  { login: 'demo.jeune', prenom: 'Inès', nom: 'Benali', roles: ['jeune'], missionLocale: 'garonne' },
  {
    login: 'demo.expire',
    prenom: 'Pierre',
    nom: 'Lambert',
    roles: ['conseiller'],
    missionLocale: 'garonne',
    site: 'merignac',
    passwordAgeDays: 120,
  },
  {
    login: 'demo.nouveau',
    prenom: 'Sophie',
    nom: 'Girard',
    roles: ['conseiller'],
    missionLocale: 'garonne',
    site: 'bordeaux',
    cguAccepted: false,
  },
];

/** The conseiller whose portfolio holds demo.jeune's dossier. */
export const DEMO_JEUNE_REFERENT = 'demo.conseiller';

/** Extra conseillers per Mission Locale, so that référents vary across dossiers. */
export const EXTRA_CONSEILLERS_PER_MISSION_LOCALE = 4;

// Identifiants are written from names as the C-Milo accounts' are (libs/domain cmilo/compte-cmilo.rules.ts).
export { toIdentifiantPart } from '@imilo/domain';

/** A commune of the Code officiel géographique, as @etalab/decoupage-administratif lists it. */
interface Commune {
  readonly code: string;
  readonly type: string;
  readonly departement?: string;
  readonly population?: number;
  readonly codesPostaux?: readonly string[];
}

const require = createRequire(import.meta.url);
let allCommunes: readonly Commune[] | null = null;

/** The current communes of a département with their population and main postal code (read once; the file is large). */
export const communesOf = (codeDepartement: string): readonly { code: string; population: number; codePostal: string }[] => {
  allCommunes ??= JSON.parse(readFileSync(require.resolve('@etalab/decoupage-administratif/data/communes.json'), 'utf8')) as Commune[];
  return allCommunes
    .filter((commune) => commune.type === 'commune-actuelle' && commune.departement === codeDepartement)
    .map((commune) => ({ code: commune.code, population: commune.population ?? 1, codePostal: commune.codesPostaux?.[0] ?? commune.code }));
};

/** `YYYY-MM-DD` of a UTC instant. */
const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/**
 * The birth date of someone who is `age` years old on `on` and had that birthday `daysPastBirthday` days (0–364)
 * before: born on that day `age` years back (29 February falls back to the 28th), minus those days.
 */
export const birthDateFor = (on: Date, age: number, daysPastBirthday: number): string => {
  const turnsAgeThatDay = monthsBeforeUtc(on, age * 12);
  return isoDay(new Date(turnsAgeThatDay.getTime() - daysPastBirthday * 86_400_000));
};

/** One jeune row, as the `jeune` table stores it. */
export interface DemoJeuneRow {
  id: string;
  matricule: string;
  mission_locale_id: string;
  referent_id: string;
  utilisateur_id: string | null;
  nom_naissance: string;
  nom_usage: string | null;
  prenoms: string;
  sexe: 'F' | 'M';
  date_naissance: string;
  commune_insee: string;
  telephone: string;
  email: string;
  statut_dossier: 'actif';
  created_at: Date;
  updated_at: Date;
}

/** A random jeune of the Mission Locale, 16 to 25 years old on `seededAt`, living in one of its département's communes. */
export const aDemoJeune = (
  faker: Faker,
  ml: DemoMissionLocale,
  index: number,
  context: { referentIds: readonly string[]; communes: readonly { code: string; population: number }[]; seededAt: Date },
): DemoJeuneRow => {
  const sexe = faker.helpers.arrayElement(['F', 'M'] as const);
  const prenom = aPrenom(faker, 'jeunes', ml, sexe);
  const nom = aNom(faker, ml);
  const others = prenomsOf('jeunes', ml)[sexe].filter((other) => other !== prenom);
  const secondPrenom = faker.datatype.boolean(0.3) ? ` ${faker.helpers.arrayElement(others)}` : '';
  return {
    id: demoId(`jeune:${ml.key}:${index}`),
    matricule: `${ml.codeImilo}-${String(index).padStart(5, '0')}`,
    mission_locale_id: ml.id,
    referent_id: faker.helpers.arrayElement(context.referentIds),
    utilisateur_id: null,
    nom_naissance: nom,
    nom_usage: null,
    prenoms: `${prenom}${secondPrenom}`,
    sexe,
    date_naissance: birthDateFor(context.seededAt, faker.number.int({ min: 16, max: 25 }), faker.number.int({ min: 0, max: 364 })),
    commune_insee: faker.helpers.weightedArrayElement(context.communes.map((c) => ({ value: c.code, weight: c.population }))),
    telephone: `${ml.phonePrefix}${faker.string.numeric(10 - ml.phonePrefix.length)}`,
    email: faker.internet.email({ firstName: prenom, lastName: nom, provider: 'example.org' }).toLowerCase(),
    statut_dossier: 'actif',
    created_at: context.seededAt,
    updated_at: context.seededAt,
  };
};
