// Name pools and territory for the search benchmark's data-scale seed (bench/search-seed.ts).
//
// The frequent names are the demo's curated lists (apps/bff/src/db/seeders/demo.data.ts). At 1 000 000 jeunes a few
// hundred surnames would be far from reality (the trigram index would only ever see a few hundred distinct words),
// so this file adds a long tail: more frequent French and immigrant-origin surnames, then some 30 000 surnames built
// from French morphemes ("Duchampier", "Montaudin", "Bellerive"), ordered so that a Zipf-like draw gives the
// frequent names most often. Élodie and Mélodie are kept out of the jeunes' first names: the needles use them.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { NOMS, PRENOMS_ADULTES, PRENOMS_JEUNES, REUNION_NAMES, toIdentifiantPart } from '@imilo/bff/src/db/seeders/demo.data';

/** A seeded pseudo-random generator (mulberry32), so that the seed and the benchmark queries repeat run to run. */
export const prng = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** A stable uuid from a name, shaped as PostgreSQL's `md5(name)::uuid` prints it. */
export const benchId = (name: string): string => {
  const hex = createHash('md5').update(`imilo-bench:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

/** Lowercase, without accents: how a conseiller types a name in a hurry. */
export const accentless = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

export { PRENOMS_ADULTES, toIdentifiantPart };

const EXCLUDED_PRENOMS = new Set(['Élodie', 'Elodie', 'Mélodie', 'Melodie']);

/** More first names of jeunes born 2000–2010 (INSEE Fichier des prénoms), after the demo's curated ones. */
const MORE_PRENOMS_JEUNES = {
  F: [
    'Anna', 'Julia', 'Nina', 'Léane', 'Éloïse', 'Ninon', 'Lana', 'Maëva', 'Mélissa', 'Morgane', 'Alicia', 'Amélie',
    'Capucine', 'Victoire', 'Apolline', 'Héloïse', 'Candice', 'Margot', 'Flavie', 'Coline', 'Fanny', 'Marion', 'Estelle',
    'Gabrielle', 'Victoria', 'Jeanne', 'Lise', 'Elisa', 'Elina', 'Eléna', 'Alexia', 'Anaëlle', 'Tiphaine', 'Mariam',
    'Assia', 'Nour', 'Sofia', 'Jasmine', 'Naïla', 'Hajar', 'Khadija', 'Fatoumata', 'Aminata', 'Mariama', 'Awa',
    'Kadiatou', 'Aya', 'Nora', 'Sirine', 'Lyna', 'Chaïma', 'Selma', 'Myriam', 'Sana', 'Léonie', 'Romy', 'Mila', 'Lucile',
    'Aurore', 'Cassandra', 'Laurine', 'Ophélie', 'Perrine', 'Alison', 'Shana', 'Inaya', 'Émilie', 'Marina', 'Solène',
    'Enora', 'Maïwenn', 'Gwendoline', 'Oriane', 'Bérénice', 'Clarisse', 'Faustine', 'Garance', 'Mathilda', 'Norah',
  ],
  M: [
    'Dylan', 'Kévin', 'Florian', 'Jérémy', 'Anthony', 'Benjamin', 'Nicolas', 'Julien', 'Guillaume', 'Alexis', 'Simon',
    'Dorian', 'Lenny', 'Lorenzo', 'Gabin', 'Martin', 'Robin', 'Aurélien', 'Adrien', 'Bastien', 'Damien', 'Jordan',
    'Matthias', 'Rémi', 'Samuel', 'Tristan', 'Erwan', 'Malo', 'Titouan', 'Elouan', 'Ewen', 'Gaël', 'Mathéo', 'Jason',
    'Kenzo', 'Ilan', 'Nassim', 'Karim', 'Ismaël', 'Yassine', 'Anas', 'Ayoub', 'Younès', 'Moussa', 'Mamadou', 'Ibrahim',
    'Souleymane', 'Issa', 'Ousmane', 'Idriss', 'Samy', 'Ali', 'Omar', 'Walid', 'Zakaria', 'Marius', 'Côme', 'Augustin',
    'Léon', 'Gaspard', 'Félix', 'Jean', 'Florent', 'Steven', 'Brandon', 'Mickaël', 'Thibault', 'Cyril', 'Loris', 'Joris',
    'Jonathan', 'Maxence', 'Naël', 'Rafael', 'Mathias', 'Tanguy', 'Gauthier', 'Benoît', 'Jérôme', 'Anis',
  ],
} as const;

/** More frequent surnames: the national top 300 past the demo's list, and immigrant-origin ones. */
const MORE_NOMS = [
  'Lefebvre', 'Leroux', 'Fabre', 'Mallet', 'Caron', 'Lemoine', 'Renaud', 'Giraud', 'Picard', 'Leclerc', 'Gaillard',
  'Hubert', 'Vidal', 'Lucas', 'Aubert', 'Jacquet', 'Bourgeois', 'Carpentier', 'Roger', 'Schmitt', 'Arnaud', 'Rolland',
  'Boucher', 'Moulin', 'Poirier', 'Renard', 'Baron', 'Gautier', 'Charpentier', 'Adam', 'Perrot', 'Leclercq', 'Guillaume',
  'Le Gall', 'Le Goff', 'Jacob', 'Bailly', 'Collet', 'Prévost', 'Bouvier', 'Gilbert', 'Aubry', 'Rey', 'Huet', 'Carré',
  'Charles', 'Benoît', 'Marie', 'Rémy', 'Cordier', 'Étienne', 'Pierre', 'Bouchet', 'Tessier', 'Julien', 'Leblanc',
  'Barré', 'Millet', 'Germain', 'Langlois', 'Collin', 'Rivière', 'Lebrun', 'Hamon', 'Besson', 'Weber', 'Schneider',
  'Meyer', 'Klein', 'Chauvin', 'Vasseur', 'Lecomte', 'Paris', 'Royer', 'Marty', 'Bénard', 'Lévêque', 'Maillard',
  'Lebon', 'Guillot', 'Lebreton', 'Lainé', 'Lemaître', 'Gauthier', 'Poulain', 'Bertin', 'Hervé', 'Cousin', 'Fleury',
  'Caillaud', 'Bouquet', 'Texier', 'Pasquier', 'Brunel', 'Delmas', 'Bigot', 'Jourdan', 'Humbert', 'Guichard', 'Leduc',
  'Ollivier', 'Pons', 'Mathis', 'Descamps', 'Lefort', 'Riou', 'Delaunay', 'Guillou', 'Le Roux', 'Tanguy', 'Cadiou',
  'Bouzid', 'Belkacem', 'Cherif', 'Mansouri', 'Boukhris', 'Amrani', 'Benamar', 'Kaci', 'Hamidi', 'Saïdi', 'Ziani',
  'Meziane', 'Brahimi', 'Benyahia', 'Chaouch', 'Bouaziz', 'El Idrissi', 'Ait Ahmed', 'Yilmaz', 'Kaya', 'Demir', 'Çelik',
  'Öztürk', 'Sy', 'Ba', 'Ndiaye', 'Diop', 'Fall', 'Camara', 'Keita', 'Koné', 'Coulibaly', 'Cissé', 'Sow', 'Touré',
  'Dembélé', 'Doumbia', 'Konaté', 'Sissoko', 'Pereira', 'Rodrigues', 'Gonçalves', 'Fernandes', 'Lopes', 'Alves',
  'Sousa', 'Carvalho', 'Oliveira', 'Costa', 'Teixeira', 'Tran', 'Pham', 'Huynh', 'Dang', 'Rossi', 'Russo', 'Ferrari',
  'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Kowalski', 'Nowak', 'Mendy', 'Gomis',
];

// Morphemes of French surnames: an optional particle, a root, an ending. Accents where French puts them.
const PARTICLES = ['', '', '', '', '', '', 'Le', 'La', 'Du', 'De', 'Des', 'Bel', 'Beau', 'Bon', 'Mau', 'Grand', 'Lau', 'Vi'];
const ROOTS = [
  'bois', 'mont', 'roch', 'font', 'champ', 'ber', 'gar', 'mar', 'mor', 'dur', 'fav', 'chev', 'bour', 'lam', 'ren', 'rich',
  'rob', 'gil', 'guil', 'her', 'hub', 'jou', 'lac', 'lan', 'laf', 'mass', 'mich', 'pell', 'per', 'pot', 'roll', 'ross',
  'sav', 'tess', 'vall', 'vin', 'vid', 'thib', 'taill', 'poul', 'cour', 'char', 'chaum', 'cot', 'gaud', 'ger', 'goss',
  'jac', 'marg', 'mén', 'nic', 'pag', 'pasc', 'rou', 'sauv', 'tourn', 'vaill', 'bréd', 'cl', 'dess', 'ferr', 'gren',
  'hard', 'lem', 'mell', 'noy', 'pich', 'quen', 'rab', 'ség', 'trich', 'vass', 'bar', 'bell', 'brun', 'coll', 'dum',
  'fourn', 'gauth', 'lav', 'mat', 'pép', 'rog', 'tard', 'val', 'vern', 'gouj', 'bouch', 'chab', 'fouc', 'gir', 'lech',
];
const ENDINGS = [
  'ier', 'ière', 'eau', 'eaux', 'in', 'ine', 'et', 'ette', 'ot', 'otte', 'ard', 'aud', 'ault', 'on', 'and', 'ant', 'é',
  'ès', 'ais', 'y', 'ey', 'elin', 'ereau', 'ichon', 'oux', 'ac', 'at', 'as', 'ez', 'ieux', 'onnet', 'illon', 'uchon',
  'enne', 'erie', 'ouard', 'ignac', 'ade',
];

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** Synthetic French surnames, distinct from each other and from the listed ones, in a seeded random order. */
const syntheticNoms = (taken: ReadonlySet<string>, count: number): string[] => {
  const random = prng(20261129);
  const all: string[] = [];
  for (const particle of PARTICLES) {
    for (const root of ROOTS) {
      for (const ending of ENDINGS) {
        all.push(particle ? `${particle}${root}${ending}` : capitalize(`${root}${ending}`));
      }
    }
  }
  const seen = new Set([...taken].map(accentless));
  const distinct = all.filter((nom) => {
    const key = accentless(nom);
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
  for (let i = distinct.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [distinct[i], distinct[j]] = [distinct[j]!, distinct[i]!];
  }
  return distinct.slice(0, count);
};

const unique = (names: readonly string[]) => [...new Set(names)];

/** Surnames, most frequent first: the demo's, then the national top and immigrant-origin ones, then the tail. */
export const benchNoms = (): string[] => {
  const listed = unique([...NOMS, ...MORE_NOMS]);
  return [...listed, ...syntheticNoms(new Set(listed), 30_000)];
};

/** Jeunes' first names by sex, most frequent first (the demo's curated lists lead). */
export const benchPrenoms = (): { F: string[]; M: string[] } => ({
  F: unique([...PRENOMS_JEUNES.F, ...MORE_PRENOMS_JEUNES.F]).filter((p) => !EXCLUDED_PRENOMS.has(p)),
  M: unique([...PRENOMS_JEUNES.M, ...MORE_PRENOMS_JEUNES.M]).filter((p) => !EXCLUDED_PRENOMS.has(p)),
});

/** La Réunion's own names (the demo's), drawn beside the national ones in its Missions Locales. */
export const REUNION = REUNION_NAMES;

interface Departement {
  readonly code: string;
  readonly region: string;
  readonly nom: string;
  readonly zone: string;
}
interface Region {
  readonly code: string;
  readonly nom: string;
}
interface Commune {
  readonly code: string;
  readonly nom: string;
  readonly type: string;
  readonly departement?: string;
  readonly population?: number;
}

const require = createRequire(import.meta.url);
const etalab = (file: string): unknown => require(`@etalab/decoupage-administratif/data/${file}.json`);

/** IANA time zones of the overseas départements (every metropolitan one is Europe/Paris). */
const TIMEZONES: Record<string, string> = {
  '971': 'America/Guadeloupe',
  '972': 'America/Martinique',
  '973': 'America/Cayenne',
  '974': 'Indian/Reunion',
  '976': 'Indian/Mayotte',
};
/** Mobile prefixes of the overseas départements; metropolitan numbers start with 06 or 07. */
const PHONE_PREFIXES: Record<string, string> = { '971': '0690', '972': '0696', '973': '0694', '974': '0692', '976': '0639' };

export interface BenchRegion {
  readonly id: string;
  readonly code: string;
  readonly nom: string;
}

export interface BenchMissionLocale {
  readonly idx: number;
  readonly id: string;
  readonly codeImilo: string;
  readonly nom: string;
  readonly regionId: string;
  readonly codeDepartement: string;
  readonly timezone: string;
  /** '' for metropolitan ones (06 or 07 drawn per jeune). */
  readonly phonePrefix: string;
  /** Draws La Réunion's own names beside the national ones. */
  readonly localNames: boolean;
  readonly siteId: string;
  readonly siteNom: string;
  readonly siteCommune: string;
  /** Communes where its jeunes live, most populated first. */
  readonly communes: readonly string[];
  /** Share of all jeunes (Zipf-like: a few big Missions Locales, many small ones). */
  readonly weight: number;
}

/**
 * The territory: régions, and `count` Missions Locales spread over the 101 départements by population (at least
 * one each), named after their département's biggest communes, one site each. Weights follow 1 / (rank + 8) in a
 * seeded random order: at 1 000 000 jeunes the biggest holds about 32 000, the smallest about 600.
 */
export const benchTerritory = (count: number): { regions: BenchRegion[]; missionsLocales: BenchMissionLocale[] } => {
  const random = prng(400);
  const departements = (etalab('departements') as Departement[]).filter((d) => d.zone === 'metro' || d.zone === 'drom');
  const regionCodes = new Set(departements.map((d) => d.region));
  const regions = (etalab('regions') as Region[])
    .filter((r) => regionCodes.has(r.code))
    .map((r) => ({ id: benchId(`region:${r.code}`), code: r.code, nom: r.nom }));
  const communes = (etalab('communes') as Commune[]).filter((c) => c.type === 'commune-actuelle');
  const byDepartement = new Map<string, Commune[]>();
  for (const commune of communes) {
    const list = byDepartement.get(commune.departement ?? '') ?? [];
    list.push(commune);
    byDepartement.set(commune.departement ?? '', list);
  }
  for (const list of byDepartement.values()) {
    list.sort((a, b) => (b.population ?? 0) - (a.population ?? 0));
  }
  const population = (code: string) => (byDepartement.get(code) ?? []).reduce((t, c) => t + (c.population ?? 0), 0);
  const total = departements.reduce((t, d) => t + population(d.code), 0);
  // Largest remainder over the seats left once every département has one.
  const spare = count - departements.length;
  const quotas = departements.map((d) => ({ d, exact: (population(d.code) / total) * spare }));
  const seats = new Map(quotas.map((q) => [q.d.code, 1 + Math.floor(q.exact)]));
  let left = count - [...seats.values()].reduce((t, s) => t + s, 0);
  for (const q of [...quotas].sort((a, b) => (b.exact % 1) - (a.exact % 1))) {
    if (left-- <= 0) {
      break;
    }
    seats.set(q.d.code, seats.get(q.d.code)! + 1);
  }
  const ranks = Array.from({ length: count }, (_, i) => i);
  for (let i = ranks.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [ranks[i], ranks[j]] = [ranks[j]!, ranks[i]!];
  }
  const rawWeights = ranks.map((rank) => 1 / (rank + 8));
  const weightSum = rawWeights.reduce((t, w) => t + w, 0);
  const missionsLocales: BenchMissionLocale[] = [];
  for (const d of departements) {
    const n = seats.get(d.code)!;
    const list = byDepartement.get(d.code) ?? [];
    for (let k = 0; k < n; k++) {
      const idx = missionsLocales.length;
      const seat = list[k % list.length]!;
      // Each Mission Locale of the département covers every n-th commune, by population.
      const territory = list.filter((_, i) => i % n === k).slice(0, 40).map((c) => c.code);
      const code = `${d.code}${String(k + 1).padStart(5 - d.code.length, '0')}S00`;
      missionsLocales.push({
        idx,
        id: benchId(`mission-locale:${code}`),
        codeImilo: code,
        nom: `Mission Locale ${seat.nom}`,
        regionId: benchId(`region:${d.region}`),
        codeDepartement: d.code,
        timezone: TIMEZONES[d.code] ?? 'Europe/Paris',
        phonePrefix: PHONE_PREFIXES[d.code] ?? '',
        localNames: d.code === '974',
        siteId: benchId(`site:${code}`),
        siteNom: `${seat.nom} – Siège`,
        siteCommune: seat.code,
        communes: territory.length > 0 ? territory : [seat.code],
        weight: rawWeights[idx]! / weightSum,
      });
    }
  }
  return { regions, missionsLocales };
};

/** A known dossier (or a near namesake) planted in the data, to check that the right one comes first. */
export interface Needle {
  readonly key: string;
  readonly id: string;
  readonly prenoms: string;
  readonly nom: string;
  readonly sexe: 'F' | 'M';
  readonly dateNaissance: string;
  /** 'A': the needle's Mission Locale (the 3rd biggest, metropolitan); 'B': an overseas one; 'C': another. */
  readonly ml: 'A' | 'B' | 'C';
}

const needle = (key: string, prenoms: string, nom: string, sexe: 'F' | 'M', dateNaissance: string, ml: Needle['ml']): Needle => ({
  key,
  id: benchId(`needle:${key}`),
  prenoms,
  nom,
  sexe,
  dateNaissance,
  ml,
});

/**
 * Élodie Lefèvre in Mission Locale A among near namesakes (Lefebvre, Lefèbvre, Lefeuvre, another Lefèvre), and the
 * same person registered as ELODIE LEFEVRE in an overseas Mission Locale B: the cross-ML duplicate a national search
 * must surface next to her. The seeded data holds no other Élodie (see EXCLUDED_PRENOMS).
 */
export const NEEDLES: readonly Needle[] = [
  needle('elodie-lefevre', 'Élodie', 'Lefèvre', 'F', '2004-03-14', 'A'),
  needle('melodie-lefebvre', 'Mélodie', 'Lefebvre', 'F', '2005-07-02', 'A'),
  needle('elise-lefebvre', 'Élise', 'Lefèbvre', 'F', '2003-11-23', 'A'),
  needle('elodie-lefeuvre', 'Élodie', 'Lefeuvre', 'F', '2006-01-30', 'A'),
  needle('lucas-lefevre', 'Lucas', 'Lefèvre', 'M', '2007-05-09', 'A'),
  // Registered elsewhere in capitals and without accents, as some Missions Locales do.
  needle('elodie-lefevre-dup', 'ELODIE', 'LEFEVRE', 'F', '2004-03-14', 'B'),
  needle('melodie-lefevre', 'Mélodie', 'Lefèvre', 'F', '2002-09-17', 'C'),
];

/** What a conseiller registering a jeune has typed when the duplicate check runs. */
export interface DuplicateInput {
  readonly dateNaissance: string;
  readonly nomNaissance: string;
  readonly nomUsage: string | null;
  readonly prenoms: string;
}

/** The needle queries: what is typed, where, and which dossiers must come first (in any order among them). */
export interface NeedleQuery {
  readonly label: string;
  readonly q: string;
  readonly scope: 'A' | 'national';
  readonly expected: readonly string[];
  readonly case: 'scoped-exact' | 'scoped-typo' | 'national-exact' | 'national-typo' | 'duplicate';
  /** The duplicate check's input (case `duplicate`); `q` is then only its label. */
  readonly duplicate?: DuplicateInput;
}

const needleOf = (key: string) => NEEDLES.find((n) => n.key === key)!;
const idOf = (key: string) => needleOf(key).id;

export const NEEDLE_QUERIES: readonly NeedleQuery[] = [
  { label: '"elodie lefevre" in ML A', q: 'elodie lefevre', scope: 'A', expected: [idOf('elodie-lefevre')], case: 'scoped-exact' },
  { label: '"Élodie LEFÈVRE" in ML A', q: 'Élodie LEFÈVRE', scope: 'A', expected: [idOf('elodie-lefevre')], case: 'scoped-exact' },
  { label: '"elodie lefebre" in ML A', q: 'elodie lefebre', scope: 'A', expected: [idOf('elodie-lefevre')], case: 'scoped-typo' },
  {
    label: '"elodie lefevre" national',
    q: 'elodie lefevre',
    scope: 'national',
    expected: [idOf('elodie-lefevre'), idOf('elodie-lefevre-dup')],
    case: 'national-exact',
  },
  {
    label: '"elodie lefebre" national',
    q: 'elodie lefebre',
    scope: 'national',
    expected: [idOf('elodie-lefevre'), idOf('elodie-lefevre-dup')],
    case: 'national-typo',
  },
  {
    label: 'ELODIE LEFEBRE, same birth date',
    q: `ELODIE LEFEBRE ${needleOf('elodie-lefevre').dateNaissance}`,
    scope: 'national',
    expected: [idOf('elodie-lefevre'), idOf('elodie-lefevre-dup')],
    case: 'duplicate',
    duplicate: { dateNaissance: needleOf('elodie-lefevre').dateNaissance, nomNaissance: 'LEFEBRE', nomUsage: null, prenoms: 'ELODIE' },
  },
];
