import {
  CATEGORIE_SITUATION_LABELS,
  type CategorieSituation,
  decodeTimelineCursor,
  encodeTimelineCursor,
  type TimelineItemDto,
  type TimelinePageDto,
  type TimelineQuery,
} from '@imilo/domain';
import type { AppContext } from '../../app-context';
import { invalidField } from '../../platform/errors';
import { jourFr, parcoursCsv, parcoursFileName } from './parcours-export';
import { auditOnJeune, openJeune, type SuiviCaller } from './suivi-access';
import { readParcours, readTimelinePage, type TimelineRow } from './timeline.repository';

const personne = (auteur: TimelineRow['auteur']): string | null => (auteur === null ? null : `${auteur.prenom} ${auteur.nom}`);

const avec = (partenaire: string | null): string | null => (partenaire === null ? null : `Avec : ${partenaire}`);

/** A stored row as the timeline shows it; never an internal comment (the repository does not read them). */
export const toTimelineItem = (row: TimelineRow): TimelineItemDto => {
  const common = { kind: row.kind, id: row.id, at: row.at, auteur: personne(row.auteur) };
  switch (row.kind) {
    case 'evenement':
      return { ...common, titre: row.libelle, detail: row.objet ?? avec(row.partenaire), themes: [...row.themes], typeEvenement: row.typeCode, statut: null };
    case 'proposition':
      return { ...common, titre: `Proposition : ${row.libelle}`, detail: avec(row.partenaire), themes: [...row.themes], typeEvenement: null, statut: row.statut };
    case 'action':
      return {
        ...common,
        titre: row.libelle,
        detail: row.jour === null ? null : `Échéance : ${jourFr(row.jour)}`,
        themes: [],
        typeEvenement: null,
        statut: row.statut,
      };
    case 'situation': {
      const categorie = CATEGORIE_SITUATION_LABELS[row.libelle as CategorieSituation] ?? row.libelle;
      return {
        ...common,
        titre: row.intitule === null ? categorie : `${categorie} — ${row.intitule}`,
        detail: row.jour === null ? null : `Jusqu'au ${jourFr(row.jour)}`,
        themes: [],
        typeEvenement: null,
        statut: row.statut,
      };
    }
  }
};

/**
 * A page of the dossier's timeline (#4), newest first: événements (not deleted), propositions, actions and situations
 * in the order of the domain's `compareTimeline`, after the cursor's item. Each page read is audited, with the reason
 * when the dossier is outside the caller's portfolio; never with the items.
 */
export const readTimeline = async (ctx: AppContext, caller: SuiviCaller, jeuneId: string, query: TimelineQuery): Promise<TimelinePageDto> => {
  const after = query.cursor === undefined ? null : decodeTimelineCursor(query.cursor);
  if (query.cursor !== undefined && after === null) {
    throw invalidField('cursor', 'Curseur invalide : reprenez la lecture depuis le début de la chronologie.');
  }
  const opened = await openJeune(ctx, caller, jeuneId);
  const { jeune } = opened;
  const page = await readTimelinePage(ctx.db.sequelize, {
    jeuneId: jeune.id,
    timezone: jeune.timezone,
    kinds: query.kinds,
    theme: query.theme,
    typeEvenement: query.typeEvenement,
    after,
    limit: query.limit,
  });
  const items = page.rows.map(toTimelineItem);
  const last = items.at(-1);
  await ctx.audit.record({ action: 'evenements.timeline', ...auditOnJeune(caller, opened, { premierePage: after === null, items: items.length }) });
  return { items, nextCursor: page.hasMore && last !== undefined ? encodeTimelineCursor(last) : null };
};

/** The parcours export: its file name and its CSV text. */
export interface ParcoursExport {
  readonly fileName: string;
  readonly csv: string;
}

/**
 * The jeune's parcours as a CSV for a third party (#4): événements and propositions, oldest first, dated in the
 * Mission Locale's time zone, without any internal comment. Audited as an export, with the number of lines.
 */
export const exportParcours = async (ctx: AppContext, caller: SuiviCaller, jeuneId: string): Promise<ParcoursExport> => {
  const opened = await openJeune(ctx, caller, jeuneId);
  const { jeune } = opened;
  const rows = await readParcours(ctx.db.sequelize, jeune.id);
  await ctx.audit.record({ action: 'evenements.export', ...auditOnJeune(caller, opened, { format: 'csv', export: 'parcours', lignes: rows.length }) });
  return { fileName: parcoursFileName(jeune.matricule), csv: parcoursCsv(rows, jeune.timezone) };
};
