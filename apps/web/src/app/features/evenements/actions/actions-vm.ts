import { actionCreationSchema, type ActionDto, actionPatchSchema, type StatutAction } from '@imilo/domain';
import type { OutboxEntry } from '../../../core/offline/outbox.model';
import { formatJour } from '../../dossiers/dossier/dossier-format';
import { jourLocal, plusJours } from '../evenement-sheet/local-time';
import { pendingChanges, pendingCreations, syncLabel } from '../evenement-sheet/suivi-list';

/** One action as the panel lists it. */
export interface ActionVm {
  readonly id: string;
  readonly titre: string;
  readonly description: string | null;
  /** `AAAA-MM-JJ`. */
  readonly echeance: string;
  /** "Échéance : lundi 7 décembre 2026". */
  readonly echeanceLabel: string;
  readonly enRetard: boolean;
  /** The status shown: a change waiting in the outbox shows in place of the stored one. */
  readonly statut: StatutAction;
  /** Why it is not in imilo yet ("En attente de synchronisation"), or null. */
  readonly sync: string | null;
  /** The action as read, for a change of status; null while its creation waits in the outbox. */
  readonly action: ActionDto | null;
}

/** The échéance an action gets by default: two weeks after the day it is decided. */
export const echeanceParDefaut = (now: Date): string => plusJours(jourLocal(now), 14);

const OUVERTS: readonly StatutAction[] = ['A_FAIRE', 'EN_COURS'];

/** Whether an action is still to do, past its échéance (`aujourdhui`: the local day, `AAAA-MM-JJ`). */
export const estEnRetard = (action: { readonly statut: StatutAction; readonly echeance: string }, aujourdhui: string): boolean =>
  OUVERTS.includes(action.statut) && action.echeance < aujourdhui;

/** The URL a change of this action is sent to. */
export const actionUrl = (id: string): string => `/api/v1/actions/${encodeURIComponent(id)}`;

/** The panel's list, with the actions waiting in the outbox and the changes of status not yet synchronised. */
export const toActionVms = (actions: readonly ActionDto[], entries: readonly OutboxEntry[], aujourdhui: string): ActionVm[] => {
  const read = new Set(actions.map(({ id }) => id));
  const vm = (
    id: string,
    fields: { readonly titre: string; readonly description: string | null; readonly echeance: string; readonly statut: StatutAction },
    sync: string | null,
    action: ActionDto | null,
  ): ActionVm => ({
    id,
    titre: fields.titre,
    description: fields.description,
    echeance: fields.echeance,
    echeanceLabel: `Échéance : ${formatJour(fields.echeance)}`,
    enRetard: estEnRetard(fields, aujourdhui),
    statut: fields.statut,
    sync,
    action,
  });
  const pending = pendingCreations(entries, 'action', actionCreationSchema, ({ actions }) => actions, read).map(
    ({ entry, creation, key }) => vm(key, { ...creation, statut: 'A_FAIRE' }, syncLabel(entry), null),
  );
  const changes = pendingChanges(entries, 'action');
  const stored = actions.map((action) => {
    const change = changes.get(actionUrl(action.id));
    const patch = change === undefined ? null : actionPatchSchema.safeParse(change.body);
    return vm(action.id, patch?.success ? patch.data : action, change === undefined ? null : syncLabel(change), action);
  });
  // Open first, the nearest échéance first; then the closed ones, the latest first.
  return [...pending, ...stored].sort((a, b) => {
    const ouverteA = OUVERTS.includes(a.statut);
    if (ouverteA !== OUVERTS.includes(b.statut)) {
      return ouverteA ? -1 : 1;
    }
    return ouverteA ? a.echeance.localeCompare(b.echeance) : b.echeance.localeCompare(a.echeance);
  });
};
