import { CATEGORIE_SITUATION_LABELS, type SituationDto } from '@imilo/domain';

/** What a read view shows for a field without a value. */
export const NON_RENSEIGNE = 'Non renseigné';

const JOUR = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day as the dossier shows it: "lundi 7 décembre 2026"; `null` reads "Non renseigné". */
export const formatJour = (date: string | null | undefined): string => {
  const match = date === null || date === undefined ? null : ISO_DATE.exec(date);
  if (match === null) {
    return date ?? NON_RENSEIGNE;
  }
  // Built on the local calendar: parsing "2026-12-07" alone would read UTC midnight, the day before west of Greenwich.
  return JOUR.format(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
};

/** An instant as "lundi 7 décembre 2026 à 14 h 30" (the device's time zone). */
export const formatInstant = (instant: string): string => {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) {
    return instant;
  }
  const minutes = String(date.getMinutes()).padStart(2, '0');
  return `${JOUR.format(date)} à ${date.getHours()} h ${minutes}`;
};

/** The day of an instant in a time zone (the Mission Locale's), as "vendredi 27 novembre 2026". */
export const formatJourDansFuseau = (instant: string, timeZone: string): string => {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) {
    return instant;
  }
  return new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(date);
};

/** A yes/no answer that may not have been asked. */
export const ouiNon = (value: boolean | null | undefined): string =>
  value === true ? 'Oui' : value === false ? 'Non' : NON_RENSEIGNE;

/** A text field, or "Non renseigné". */
export const texte = (value: string | number | null | undefined): string =>
  value === null || value === undefined || value === '' ? NON_RENSEIGNE : String(value);

/** A phone number as French people read it, in pairs ("06 12 34 56 78"); whatever else as typed. */
export const telephoneLisible = (value: string | null | undefined): string => {
  const digits = value?.replace(/\s/g, '') ?? '';
  return /^0\d{9}$/.test(digits) ? digits.replace(/(\d{2})(?=\d)/g, '$1 ') : texte(value);
};

/** A label from an enum's labels, or "Non renseigné". */
export const libelle = <K extends string>(labels: Readonly<Record<K, string>>, value: K | null | undefined): string =>
  value === null || value === undefined ? NON_RENSEIGNE : labels[value];

/** A person as "Prénom Nom". */
export const nomPersonne = (personne: { readonly prenom: string; readonly nom: string }): string =>
  `${personne.prenom} ${personne.nom}`;

/** The label of a situation: its category, and what it is when known ("Emploi — Vendeuse"). */
export const libelleSituation = (situation: Pick<SituationDto, 'categorie' | 'intitule'>): string =>
  situation.intitule === null
    ? CATEGORIE_SITUATION_LABELS[situation.categorie]
    : `${CATEGORIE_SITUATION_LABELS[situation.categorie]} — ${situation.intitule}`;

/** A file size in French units ("2,4 Mo", "830 ko"). */
export const formatTaille = (octets: number): string => {
  const nombre = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
  return octets >= 1024 * 1024 ? `${nombre.format(octets / (1024 * 1024))} Mo` : `${nombre.format(Math.max(octets / 1024, 0.1))} ko`;
};
