import {
  ETAT_PROPOSITION_LABELS,
  type EtatProposition,
  nextEtatsProposition,
  type OffreInterneDto,
  propositionCreationSchema,
  type PropositionDto,
  propositionTransitionSchema,
  THEME_LABELS,
} from '@imilo/domain';
import type { OutboxEntry } from '../../../core/offline/outbox.model';
import { formatJour } from '../../dossiers/dossier/dossier-format';
import { pendingChanges, pendingCreations, syncLabel } from '../evenement-sheet/suivi-list';

/** One proposition as the panel lists it. */
export interface PropositionVm {
  readonly id: string;
  readonly libelle: string;
  readonly theme: string;
  /** "Acceptée le lundi 7 décembre 2026". */
  readonly etat: string;
  readonly partenaire: string | null;
  /** Why it is not in imilo yet ("En attente de synchronisation"), or null. */
  readonly sync: string | null;
  /** The states it may move to now: none while a change waits in the outbox (its version would be stale). */
  readonly next: readonly EtatProposition[];
  /** The proposition as read, for a change of state; null while its creation waits in the outbox. */
  readonly proposition: PropositionDto | null;
}

/** The URL a change of state of this proposition is sent to. */
export const propositionUrl = (id: string): string => `/api/v1/propositions/${encodeURIComponent(id)}`;

/** The day of a proposition's latest step: a change of state cannot be dated before it. */
export const dernierJour = (proposition: PropositionDto): string =>
  proposition.historique.at(-1)?.date ?? proposition.creeLe.slice(0, 10);

const etatLe = (etat: EtatProposition, jour: string | null | undefined): string =>
  jour === null || jour === undefined ? ETAT_PROPOSITION_LABELS[etat] : `${ETAT_PROPOSITION_LABELS[etat]} le ${formatJour(jour)}`;

/**
 * The panel's list: propositions waiting in the outbox first, then those read, the latest first; a change of state
 * waiting in the outbox shows in place of the stored state.
 */
export const toPropositionVms = (
  propositions: readonly PropositionDto[],
  entries: readonly OutboxEntry[],
  offres: readonly OffreInterneDto[],
  canWrite: boolean,
): PropositionVm[] => {
  const read = new Set(propositions.map(({ id }) => id));
  const pending = pendingCreations(entries, 'proposition', propositionCreationSchema, ({ propositions }) => propositions, read)
    .reverse()
    .map(({ entry, creation, key }): PropositionVm => {
      const offre = offres.find(({ id }) => id === creation.offreId);
      const theme = creation.theme ?? offre?.theme ?? null;
      return {
        id: key,
        libelle: creation.libelle ?? offre?.libelle ?? 'Offre de service',
        theme: theme === null ? '' : THEME_LABELS[theme],
        etat: etatLe('PROPOSEE', creation.date),
        partenaire: creation.partenaire,
        sync: syncLabel(entry),
        next: [],
        proposition: null,
      };
    });
  const changes = pendingChanges(entries, 'proposition');
  const stored = [...propositions]
    .sort((a, b) => b.creeLe.localeCompare(a.creeLe))
    .map((proposition): PropositionVm => {
      const change = changes.get(propositionUrl(proposition.id));
      const transition = change === undefined ? null : propositionTransitionSchema.safeParse(change.body);
      return {
        id: proposition.id,
        libelle: proposition.libelle,
        theme: THEME_LABELS[proposition.theme],
        etat: transition?.success
          ? etatLe(transition.data.etat, transition.data.date)
          : etatLe(proposition.etat, dernierJour(proposition)),
        partenaire: proposition.partenaire,
        sync: change === undefined ? null : syncLabel(change),
        next: change === undefined && canWrite ? nextEtatsProposition(proposition.etat) : [],
        proposition,
      };
    });
  return [...pending, ...stored];
};
