import {
  CATEGORIE_SITUATION_LABELS,
  ETAT_SITUATION_LABELS,
  type JeuneResultatDto,
  type JeuneResultatsDto,
  type NiveauCompletude,
} from '@imilo/domain';
import { highlightMatches, type HighlightSegment } from './highlight';

/** One line of the results, as the list shows it. */
export interface ResultatVm {
  readonly id: string;
  /** The usage name when there is one, else the birth name; split where it matches the text typed. */
  readonly nom: readonly HighlightSegment[];
  /** "née MARTIN" when the usage name differs from the birth name, else null. */
  readonly nomNaissance: readonly HighlightSegment[] | null;
  readonly naissancePrefix: string;
  readonly prenoms: readonly HighlightSegment[];
  /** The whole name in reading order, for the link's accessible name. */
  readonly nomComplet: string;
  readonly age: string;
  readonly commune: string | null;
  readonly referent: string;
  readonly situation: string;
  /** Null while the BFF serves the older search answer, which has no completeness. */
  readonly completude: NiveauCompletude | null;
  readonly dernierContactLe: string | null;
  readonly archive: boolean;
}

const formatNombre = new Intl.NumberFormat('fr-FR');

// The BFF answering the older contract has no situation, completeness or last contact: show what is there.
type ResultatRecu = JeuneResultatDto | (Omit<JeuneResultatDto, 'situationCourante' | 'completude' | 'dernierContactLe'> &
  Partial<Pick<JeuneResultatDto, 'situationCourante' | 'completude' | 'dernierContactLe'>>);

const situationOf = (item: ResultatRecu): string => {
  const situation = item.situationCourante;
  if (situation === undefined) {
    return '';
  }
  return situation === null
    ? 'Aucune situation en cours'
    : `${CATEGORIE_SITUATION_LABELS[situation.categorie]} (${ETAT_SITUATION_LABELS[situation.etat].toLowerCase()})`;
};

/** A result line: names highlighted against the text typed, labels in French. */
export const toResultatVm = (item: ResultatRecu, q: string): ResultatVm => {
  const usage = item.nomUsage !== null && item.nomUsage !== '' ? item.nomUsage : null;
  const nom = usage ?? item.nomNaissance;
  const naissance = usage !== null && usage !== item.nomNaissance ? item.nomNaissance : null;
  const naissancePrefix = item.sexe === 'F' ? 'née' : 'né';
  return {
    id: item.id,
    nom: highlightMatches(nom, q),
    nomNaissance: naissance === null ? null : highlightMatches(naissance, q),
    naissancePrefix,
    prenoms: highlightMatches(item.prenoms, q),
    nomComplet: [nom, naissance === null ? '' : `(${naissancePrefix} ${naissance})`, item.prenoms]
      .filter((part) => part !== '')
      .join(' '),
    age: `${item.age} ans`,
    commune: item.commune === null ? null : (item.commune.nom ?? item.commune.insee),
    referent: item.referent === null ? 'Sans référent' : `Référent : ${item.referent.prenom} ${item.referent.nom}`,
    situation: situationOf(item),
    completude: item.completude ?? null,
    dernierContactLe: item.dernierContactLe ?? null,
    archive: item.statutDossier !== 'actif',
  };
};

/** "128 dossiers" when the total is counted, else what the page shows ("20 dossiers ou plus"). */
export const resultCountText = (resultats: Pick<JeuneResultatsDto, 'items' | 'hasMore' | 'total'>): string => {
  const count = resultats.total ?? resultats.items.length;
  if (count === 0) {
    return 'Aucun dossier';
  }
  const words = `${formatNombre.format(count)} dossier${count > 1 ? 's' : ''}`;
  return (resultats.total ?? null) === null && resultats.hasMore ? `Plus de ${words}` : words;
};

/** What a screen reader hears once the results are in: "3 dossiers trouvés". */
export const resultAnnouncement = (resultats: Pick<JeuneResultatsDto, 'items' | 'hasMore' | 'total'>): string => {
  const count = resultats.total ?? resultats.items.length;
  if (count === 0) {
    return 'Aucun dossier trouvé.';
  }
  return `${resultCountText(resultats)} trouvé${count > 1 ? 's' : ''}.`;
};
