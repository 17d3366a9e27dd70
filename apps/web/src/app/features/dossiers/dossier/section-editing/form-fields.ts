import { FormControl } from '@angular/forms';

/** A text control: empty means "not filled in". */
export const texteControl = (value = ''): FormControl<string> => new FormControl(value, { nonNullable: true });

/** A select whose empty choice (`null`) reads "Non renseigné". */
export const choixControl = <T>(value: T | null = null): FormControl<T | null> => new FormControl<T | null>(value);

/** `null` for a blank text, as the domain schemas expect for a field left empty. */
export const vide = (value: string): string | null => (value.trim() === '' ? null : value);

/** The text a control shows for a value that may be absent. */
export const ouVide = (value: string | number | null | undefined): string =>
  value === null || value === undefined ? '' : String(value);

/** One choice of a select. */
export interface Choix<T> {
  readonly value: T;
  readonly label: string;
}

/** The choices of an enum, in its order, with its French labels. */
export const choix = <K extends string>(values: readonly K[], labels: Readonly<Record<K, string>>): Choix<K>[] =>
  values.map((value) => ({ value, label: labels[value] }));

/** Yes / no / not asked. */
export const OUI_NON: readonly Choix<boolean | null>[] = [
  { value: null, label: 'Non renseigné' },
  { value: true, label: 'Oui' },
  { value: false, label: 'Non' },
];
