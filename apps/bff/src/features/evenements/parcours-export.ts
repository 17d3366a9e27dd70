import { ETAT_PROPOSITION_LABELS, type EtatProposition, THEME_LABELS, type Theme } from '@imilo/domain';
import type { ParcoursRow } from './timeline.repository';

// The parcours of a jeune as a CSV file for a third party (a partner, or the jeune's own request, #4): what happened
// and what was proposed, never the Mission Locale's internal comments (an événement's `contexte`, a proposition's
// `commentaire`: the repository does not even read them). Opened by Excel in France: UTF-8 with a BOM, `;` between
// cells, CRLF between lines, every cell quoted; a cell that a spreadsheet would read as a formula (= + - @, or a tab
// or carriage return first) starts with an apostrophe instead (CSV injection, OWASP).

/** The columns, in order. */
export const PARCOURS_HEADERS = ['Date', 'Nature', 'Libellé', 'Thèmes', 'Objet', 'Partenaire', 'Conseiller', 'État'] as const;

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: neutralised when a spreadsheet would run it, quoted, its quotes doubled. */
export const csvCell = (value: string | null): string => {
  const text = value ?? '';
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
};

/** Lines of cells as a CSV document (BOM, `;`, CRLF, a final CRLF). */
export const toCsv = (lines: readonly (readonly (string | null)[])[]): string =>
  `${BOM}${lines.map((cells) => cells.map(csvCell).join(';')).join('\r\n')}\r\n`;

const formats = new Map<string, Intl.DateTimeFormat>();

/** "29/11/2026 14:30" in the Mission Locale's time zone. */
const dateHeure = (at: Date, timeZone: string): string => {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('fr-FR', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
    formats.set(timeZone, format);
  }
  return format.format(at);
};

/** `2026-11-29` → `29/11/2026`. */
export const jourFr = (jour: string): string => jour.split('-').reverse().join('/');

const themesOf = (themes: readonly Theme[]): string => themes.map((theme) => THEME_LABELS[theme] ?? theme).join(', ');

/** The export's cells of one événement or proposition. */
const cellsOf = (row: ParcoursRow, timeZone: string): (string | null)[] => {
  const conseiller = row.conseiller === null ? null : `${row.conseiller.prenom} ${row.conseiller.nom}`;
  if (row.kind === 'evenement') {
    return [dateHeure(row.at, timeZone), 'Événement', row.libelle, themesOf(row.themes), row.objet, row.partenaire, conseiller, null];
  }
  const etat = row.etat === null ? null : (ETAT_PROPOSITION_LABELS[row.etat as EtatProposition] ?? row.etat);
  const date = row.jour === null ? dateHeure(row.at, timeZone) : jourFr(row.jour);
  return [date, 'Proposition', row.libelle, themesOf(row.themes), null, row.partenaire, conseiller, etat];
};

/** The whole export: headers, then one line per événement or proposition, oldest first. */
export const parcoursCsv = (rows: readonly ParcoursRow[], timeZone: string): string =>
  toCsv([PARCOURS_HEADERS, ...rows.map((row) => cellsOf(row, timeZone))]);

/** The file name: `parcours-<matricule>.csv`, the matricule reduced to characters safe in a header. */
export const parcoursFileName = (matricule: string): string => `parcours-${matricule.replace(/[^A-Za-z0-9_-]/g, '_')}.csv`;
