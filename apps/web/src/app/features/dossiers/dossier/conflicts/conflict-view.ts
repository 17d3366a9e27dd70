import {
  CATEGORIE_SITUATION_LABELS,
  type ConflictChoices,
  ETAT_SITUATION_LABELS,
  flattenFields,
  MODE_GARDE_LABELS,
  MOYEN_TRANSPORT_LABELS,
  NATIONALITE_LABELS,
  NIVEAU_FORMATION_LABELS,
  resolveFields,
  SITUATION_FAMILIALE_LABELS,
  SITUATION_LOGEMENT_LABELS,
  THEME_LABELS,
  type ThreeWayDiff,
  threeWayDiff,
  TYPE_PIECE_IDENTITE_LABELS,
  TYPE_RESSOURCE_LABELS,
  TYPES_EVENEMENT_NATIONAUX,
  unflattenFields,
} from '@imilo/domain';
import type { OutboxEntry } from '../../../../core/offline/outbox.model';
import { formatInstant, formatJour, NON_RENSEIGNE, nomPersonne, ouiNon, telephoneLisible } from '../dossier-format';

// The field-by-field view of a write queued offline that the BFF refused with a 409: the record it started from
// (base), what was typed (mine) and the record stored meanwhile (theirs), compared on the fields the write carries.

/** How one field stands between my edit and the version stored meanwhile. */
export type ConflictRowKind = 'conflict' | 'mine' | 'theirs';

/** One field of the comparison, each value as a sentence. */
export interface ConflictRow {
  readonly path: string;
  readonly label: string;
  readonly base: string;
  readonly mine: string;
  readonly theirs: string;
  /** `conflict`: both changed it differently, the conseiller chooses; `mine`: only I did, applied; `theirs`: kept. */
  readonly kind: ConflictRowKind;
}

/** What the conflict panel shows, and what it needs to build the resolved write. */
export interface ConflictView {
  readonly entryId: string;
  readonly kind: 'dossier' | 'evenement';
  /** "Modification : Coordonnées". */
  readonly label: string;
  /** Who stored the version meanwhile ("Awa Diallo"), or null when the BFF does not know (import). */
  readonly modifiePar: string | null;
  /** "lundi 7 décembre 2026 à 14 h 30". */
  readonly modifieLe: string;
  readonly rows: readonly ConflictRow[];
  readonly diff: ThreeWayDiff;
  readonly mine: Readonly<Record<string, unknown>>;
  readonly theirs: Readonly<Record<string, unknown>>;
  /** The stored record's version, which the resolved write carries. */
  readonly version: number;
  /** The stored record, shown instead of my edit when I give it up. */
  readonly current: unknown;
}

interface Versioned {
  readonly version: number;
  readonly modifieLe: string;
  readonly modifiePar: { readonly prenom: string; readonly nom: string } | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const isVersioned = (value: unknown): value is Versioned =>
  isRecord(value) &&
  typeof value['version'] === 'number' &&
  typeof value['modifieLe'] === 'string' &&
  (value['modifiePar'] === null ||
    (isRecord(value['modifiePar']) && typeof value['modifiePar']['prenom'] === 'string' && typeof value['modifiePar']['nom'] === 'string'));

/** How one kind of record is compared and described. */
interface ConflictSubject {
  /** Fields replaced as a whole (an address, a lieu): never half mine, half theirs. */
  readonly atomic: readonly string[];
  /** The record (as read, or as sent) in the shape of the PATCH body, on the members the body carries. */
  comparable(record: unknown, carried: readonly string[]): Record<string, unknown>;
  readonly labels: Readonly<Record<string, string>>;
  /** Labels of coded values, by path (a list's items use the same). */
  readonly valueLabels: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Labels learnt from the records themselves (the libellé of a type, the name of a site). */
  learnLabels(...records: unknown[]): Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const pick = (record: unknown, keys: readonly string[]): Record<string, unknown> =>
  isRecord(record) ? Object.fromEntries(keys.filter((key) => key in record).map((key) => [key, record[key]])) : {};

/** Flattens a record into its fields, keeping the atomic paths whole (their object is one value). */
const fieldsOf = (record: Record<string, unknown>, atomic: readonly string[]): Record<string, unknown> => {
  const wholes: Record<string, unknown> = {};
  const rest = structuredClone(record);
  for (const path of atomic) {
    const keys = path.split('.');
    const parent = keys.slice(0, -1).reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), rest);
    const last = keys.at(-1) ?? '';
    if (isRecord(parent) && last in parent) {
      wholes[path] = parent[last];
      delete parent[last];
    }
  }
  return { ...flattenFields(rest), ...wholes };
};

// -------------------------------------------------------------------------------------------------------------------
// The dossier.

/** The members of an address as sent (the read one adds the commune's name and the date it applies from). */
const ADRESSE_KEYS = ['ligne1', 'ligne2', 'codePostal', 'communeInsee', 'qpvCode'];

const dossierSubject: ConflictSubject = {
  atomic: ['coordonnees.adresse'],
  comparable: (record, carried) => {
    const sections = pick(record, carried);
    const coordonnees = sections['coordonnees'];
    if (isRecord(coordonnees) && isRecord(coordonnees['adresse'])) {
      sections['coordonnees'] = { ...coordonnees, adresse: pick(coordonnees['adresse'], ADRESSE_KEYS) };
    }
    return sections;
  },
  labels: {
    'identite.nomNaissance': 'Nom de naissance',
    'identite.nomUsage': "Nom d'usage",
    'identite.prenoms': 'Prénoms',
    'identite.sexe': 'Sexe',
    'identite.dateNaissance': 'Date de naissance',
    'identite.neEtranger': 'Né(e) à l’étranger',
    'identite.communeNaissanceInsee': 'Commune de naissance (code INSEE)',
    'identite.paysNaissance': 'Pays de naissance',
    'identite.nationalite': 'Nationalité',
    'identite.titreSejourExpireLe': 'Titre de séjour valable jusqu’au',
    'identite.parentNeEtranger': 'Parent né à l’étranger',
    'identite.nir': 'NIR',
    'identite.nirCertifie': 'NIR certifié',
    'identite.pieceIdentiteType': "Pièce d'identité",
    'identite.pieceIdentiteNumero': "Numéro de la pièce d'identité",
    'identite.recense': 'Recensé(e)',
    'identite.jdcEffectuee': 'JDC effectuée',
    'coordonnees.telephone': 'Téléphone',
    'coordonnees.email': 'E-mail',
    'coordonnees.consentements.sms': 'Contact par SMS',
    'coordonnees.consentements.email': 'Contact par e-mail',
    'coordonnees.consentements.push': 'Contact par notification',
    'coordonnees.adresse': 'Adresse',
    'famille.situationFamiliale': 'Situation familiale',
    'famille.enfantsACharge': 'Enfants à charge',
    'famille.modeGarde': 'Mode de garde',
    'famille.representantsLegaux': 'Représentants légaux',
    'cursus.niveauFormation': 'Niveau de formation',
    'cursus.derniereClasse': 'Dernière classe suivie',
    'cursus.dateSortieFormationInitiale': 'Sortie de formation initiale',
    'cursus.diplomes': 'Diplômes',
    'cursus.experiences': 'Expériences',
    'cursus.langues': 'Langues',
    situations: 'Situations',
    'ressources.liste': 'Ressources',
    'logement.situation': 'Situation de logement',
    'logement.difficulte': 'Difficulté de logement',
    'mobilite.permis': 'Permis',
    'mobilite.vehicule': 'Véhicule',
    'mobilite.moyensTransport': 'Moyens de transport',
    'sante.rqth': 'Reconnaissance de la qualité de travailleur handicapé',
    'sante.rqthFin': 'Fin de la RQTH',
    'franceTravail.inscrit': 'Inscrit(e) à France Travail',
    'franceTravail.identifiant': 'Identifiant France Travail',
    'franceTravail.dateInscription': "Date d'inscription à France Travail",
  },
  valueLabels: {
    'identite.sexe': { F: 'Femme', M: 'Homme' },
    'identite.nationalite': NATIONALITE_LABELS,
    'identite.pieceIdentiteType': TYPE_PIECE_IDENTITE_LABELS,
    'famille.situationFamiliale': SITUATION_FAMILIALE_LABELS,
    'famille.modeGarde': MODE_GARDE_LABELS,
    'cursus.niveauFormation': NIVEAU_FORMATION_LABELS,
    'logement.situation': SITUATION_LOGEMENT_LABELS,
    'mobilite.moyensTransport': MOYEN_TRANSPORT_LABELS,
  },
  learnLabels: () => ({}),
};

// -------------------------------------------------------------------------------------------------------------------
// An événement (its PATCH sends `typeCode` and a lieu by kind; the record read has `type` and every lieu member).

const EVENEMENT_KEYS = ['date', 'dureeMinutes', 'typeCode', 'lieu', 'themes', 'objet', 'contexte', 'partenaire'];

const lieuInput = (lieu: unknown): unknown => {
  if (!isRecord(lieu)) {
    return lieu;
  }
  switch (lieu['type']) {
    case 'SITE':
      return { type: 'SITE', siteId: lieu['siteId'] };
    case 'ADRESSE':
      return { type: 'ADRESSE', adresse: lieu['adresse'] };
    default:
      return { type: lieu['type'] };
  }
};

const evenementSubject: ConflictSubject = {
  atomic: ['lieu'],
  comparable: (record, carried) => {
    if (!isRecord(record)) {
      return {};
    }
    const type = record['type'];
    const date = record['date'];
    const themes = record['themes'];
    const fields: Record<string, unknown> = {
      ...pick(record, ['dureeMinutes', 'objet', 'contexte', 'partenaire']),
      // Same instant, whatever the offset it was written with ("+01:00" sent, "Z" stored).
      date: typeof date === 'string' && !Number.isNaN(Date.parse(date)) ? new Date(date).toISOString() : date,
      typeCode: record['typeCode'] ?? (isRecord(type) ? type['code'] : undefined),
      lieu: lieuInput(record['lieu']),
      // A set: the order the chips were tapped in is no change.
      themes: Array.isArray(themes) ? [...themes].map(String).sort() : themes,
    };
    return pick(fields, carried.filter((key) => EVENEMENT_KEYS.includes(key)));
  },
  labels: {
    date: 'Date et heure',
    dureeMinutes: 'Durée (minutes)',
    typeCode: "Type d'événement",
    lieu: 'Lieu',
    themes: 'Thèmes',
    objet: 'Objet',
    contexte: 'Contexte (commentaire interne)',
    partenaire: 'Partenaire',
  },
  valueLabels: {
    themes: THEME_LABELS,
    typeCode: Object.fromEntries(TYPES_EVENEMENT_NATIONAUX.map((type) => [type.code, type.libelle])),
  },
  learnLabels: (...records) => {
    const types: Record<string, string> = {};
    const sites: Record<string, string> = {};
    for (const record of records.filter(isRecord)) {
      const type = record['type'];
      const lieu = record['lieu'];
      if (isRecord(type) && typeof type['code'] === 'string' && typeof type['libelle'] === 'string') {
        types[type['code']] = type['libelle'];
      }
      if (isRecord(lieu) && typeof lieu['siteId'] === 'string' && typeof lieu['siteNom'] === 'string') {
        sites[lieu['siteId']] = lieu['siteNom'];
      }
    }
    return { typeCode: types, 'lieu.siteId': sites };
  },
};

const SUBJECTS: Readonly<Record<'dossier' | 'evenement', ConflictSubject>> = { dossier: dossierSubject, evenement: evenementSubject };

// -------------------------------------------------------------------------------------------------------------------
// Values as sentences.

/** Sensitive numbers: never shown in clear, even the one typed. */
const MASKED = new Set(['identite.nir', 'identite.pieceIdentiteNumero', 'numeroAllocataire']);
const mask = (value: string): string => `•••${value.slice(-3)}`;

/** Labels of coded members of a list's items (a situation's catégorie, a ressource's type). */
const ITEM_VALUE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  categorie: CATEGORIE_SITUATION_LABELS,
  etat: ETAT_SITUATION_LABELS,
  type: TYPE_RESSOURCE_LABELS,
  niveau: NIVEAU_FORMATION_LABELS,
};

const LIEU_LABELS: Readonly<Record<string, string>> = { SITE: 'Site de la Mission Locale', ADRESSE: 'Adresse', DISTANCE: 'À distance' };

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T/;

/** "identite.communeNaissanceInsee" → "Commune naissance insee", for a field the label map does not know yet. */
export const humanisePath = (path: string): string => {
  const words = (path.split('.').at(-1) ?? path).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

type Labels = Readonly<Record<string, Readonly<Record<string, string>>>>;

const scalarText = (value: unknown, labels: Readonly<Record<string, string>> | undefined, key: string): string => {
  if (value === null || value === undefined || value === '') {
    return NON_RENSEIGNE;
  }
  if (typeof value === 'boolean') {
    return ouiNon(value);
  }
  if (typeof value !== 'string') {
    return String(value);
  }
  if (MASKED.has(key)) {
    return mask(value);
  }
  const label = labels?.[value];
  if (label !== undefined) {
    return label;
  }
  if (ISO_DAY.test(value)) {
    return formatJour(value);
  }
  return ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)) ? formatInstant(value) : value;
};

/** One item of a list, or an atomic object, as "Emploi · En cours · mardi 1 septembre 2026". */
const objectText = (value: Record<string, unknown>, path: string, labels: Labels): string => {
  if (path === 'lieu') {
    const siteId = value['siteId'];
    const adresse = value['adresse'];
    if (typeof siteId === 'string') {
      return labels['lieu.siteId']?.[siteId] ?? LIEU_LABELS['SITE'] ?? '';
    }
    return typeof adresse === 'string' ? adresse : scalarText(value['type'], LIEU_LABELS, 'type');
  }
  const parts = Object.entries(value)
    .filter(([key, inner]) => key !== 'id' && inner !== null && inner !== '' && inner !== undefined)
    .map(([key, inner]) => scalarText(inner, ITEM_VALUE_LABELS[key], key));
  return parts.length === 0 ? NON_RENSEIGNE : parts.join(' · ');
};

const valueText = (value: unknown, path: string, labels: Labels): string => {
  if (path === 'coordonnees.telephone' && typeof value === 'string') {
    return telephoneLisible(value);
  }
  if (Array.isArray(value)) {
    return value.length === 0
      ? 'Aucun'
      : value.map((item) => (isRecord(item) ? objectText(item, path, labels) : scalarText(item, labels[path], path))).join(' ; ');
  }
  return isRecord(value) ? objectText(value, path, labels) : scalarText(value, labels[path], path);
};

// -------------------------------------------------------------------------------------------------------------------
// The view, and the write the choices make.

/** The comparison of a queued write in conflict, or null when it cannot be made (no stored record in the 409). */
export const conflictViewOf = (entry: OutboxEntry): ConflictView | null => {
  if (entry.kind !== 'dossier' && entry.kind !== 'evenement') {
    return null;
  }
  const subject = SUBJECTS[entry.kind];
  const current = entry.problem?.current;
  if (!isVersioned(current) || !isRecord(entry.body)) {
    return null;
  }
  const carried = Object.keys(entry.body).filter((key) => key !== 'version');
  const mine = fieldsOf(subject.comparable(entry.body, carried), subject.atomic);
  // Only the fields the write carries: the others (ids, masked numbers, names the BFF adds) are not the conseiller's.
  const onMine = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).filter(([path]) => path in mine));
  const base = onMine(fieldsOf(subject.comparable(entry.base, carried), subject.atomic));
  const theirs = onMine(fieldsOf(subject.comparable(current, carried), subject.atomic));
  const diff = threeWayDiff(base, mine, theirs);
  const learnt = subject.learnLabels(entry.base, current);
  const labels: Labels = Object.fromEntries(
    [...new Set([...Object.keys(subject.valueLabels), ...Object.keys(learnt)])].map((path) => [
      path,
      { ...subject.valueLabels[path], ...learnt[path] },
    ]),
  );
  const kinds = new Map<string, ConflictRowKind>([
    ...diff.conflicts.map(({ path }) => [path, 'conflict'] as const),
    ...diff.mineOnly.map((path) => [path, 'mine'] as const),
    ...diff.theirsOnly.map((path) => [path, 'theirs'] as const),
  ]);
  // In the order of the form (the body's), not alphabetical.
  const rows = Object.keys(mine).flatMap((path): ConflictRow[] => {
    const kind = kinds.get(path);
    return kind === undefined
      ? []
      : [
          {
            path,
            kind,
            label: subject.labels[path] ?? humanisePath(path),
            base: valueText(base[path], path, labels),
            mine: valueText(mine[path], path, labels),
            theirs: valueText(theirs[path], path, labels),
          },
        ];
  });
  return {
    entryId: entry.id,
    kind: entry.kind,
    label: entry.label,
    modifiePar: current.modifiePar === null ? null : nomPersonne(current.modifiePar),
    modifieLe: formatInstant(current.modifieLe),
    rows,
    diff,
    mine,
    theirs,
    version: current.version,
    current,
  };
};

/**
 * The write to send once the conseiller chose: the stored version, my changes nobody contradicted, mine or theirs
 * where both changed, on the members the write carried; null while a conflict has no choice.
 */
export const resolvedBody = (view: ConflictView, choices: ConflictChoices): Record<string, unknown> | null => {
  const fields = resolveFields(view.diff, view.mine, view.theirs, choices);
  return fields === null ? null : { version: view.version, ...unflattenFields(fields) };
};
