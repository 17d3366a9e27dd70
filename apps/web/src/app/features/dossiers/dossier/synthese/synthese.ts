import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import {
  type DossierDto,
  type Manquant,
  NIVEAU_COMPLETUDE_LABELS,
  SECTION_DOSSIER_LABELS,
  type SectionDossier,
} from '@imilo/domain';
import { UiIcon } from '@imilo/ui';
import { EvenementSheetLauncher } from '../../../evenements/evenement-sheet/evenement-sheet-launcher';
import { formatInstant, formatJour, formatJourDansFuseau, libelleSituation, nomPersonne } from '../dossier-format';

/** Where a missing item is filled in (its section, or the pièces for a document), or the parcours to follow the jeune. */
export type DossierDestination = SectionDossier | 'pieces' | 'parcours';

interface ManquantVm {
  readonly manquant: Manquant;
  readonly destination: DossierDestination | null;
  readonly destinationLabel: string;
  /** What to do about it: fill a field, upload a document, or decide on the one waiting. */
  readonly action: string;
}

/** What a missing pièce needs: one may be waiting for a decision, or have been refused. */
const actionPiece = (pieces: DossierDto['pieces'], type: string): string => {
  const ofType = pieces.filter((piece) => piece.type === type);
  if (ofType.some((piece) => piece.statut === 'A_VALIDER')) {
    return 'Pièce déposée, à valider';
  }
  return ofType.some((piece) => piece.statut === 'REFUSEE') ? 'Pièce refusée, à déposer de nouveau' : 'Pièce à déposer';
};

/** What the Suivi card says, for readers of the whole dossier. */
interface SuiviVm {
  /** "Entretien individuel le vendredi 27 novembre 2026 par Awa Diallo — Point CV"; null when none is noted. */
  readonly dernierEvenement: { readonly type: string; readonly detail: string } | null;
  readonly actions: string;
  readonly enRetard: boolean;
  readonly propositions: string;
}

/** "Aucune action en cours", "1 action en cours", "3 actions en cours, dont 1 en retard". */
const libelleActions = (ouvertes: number, enRetard: number): string => {
  if (ouvertes === 0) {
    return 'Aucune action en cours';
  }
  const enCours = `${ouvertes} ${ouvertes === 1 ? 'action' : 'actions'} en cours`;
  return enRetard === 0 ? enCours : `${enCours}, dont ${enRetard} en retard`;
};

/** "Aucune proposition en cours", "1 proposition en cours", "2 propositions en cours". */
const libellePropositions = (enCours: number): string =>
  enCours === 0 ? 'Aucune proposition en cours' : `${enCours} ${enCours === 1 ? 'proposition' : 'propositions'} en cours`;

/**
 * The dossier's synthesis: what is missing for the next completeness level, the current situation, and for readers
 * of the whole dossier what to follow next (last événement, open actions, propositions under way).
 */
@Component({
  selector: 'app-synthese',
  imports: [MatButton, UiIcon],
  templateUrl: './synthese.html',
  styleUrl: './synthese.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Synthese {
  readonly dossier = input.required<DossierDto>();
  /** A missing item was chosen: the page opens where it is filled in. */
  readonly destinationChosen = output<DossierDestination>();

  protected readonly launcher = inject(EvenementSheetLauncher);
  protected readonly formatJour = formatJour;
  protected readonly completude = computed(() => this.dossier().completude);
  protected readonly niveau = computed(() => NIVEAU_COMPLETUDE_LABELS[this.completude().niveau]);
  protected readonly prochainNiveau = computed(() => {
    const prochain = this.completude().prochainNiveau;
    return prochain === null ? null : NIVEAU_COMPLETUDE_LABELS[prochain];
  });
  protected readonly manquants = computed<ManquantVm[]>(() => {
    const lisibles = new Set<SectionDossier>(this.dossier().sections);
    return this.completude().manquants.map((manquant) => {
      // A document is added in the Pièces tab; a field in its section, when this user may read it.
      const destination: DossierDestination | null =
        manquant.type === 'piece' ? 'pieces' : lisibles.has(manquant.section) ? manquant.section : null;
      return {
        manquant,
        destination,
        destinationLabel: destination === 'pieces' ? 'Pièces' : SECTION_DOSSIER_LABELS[manquant.section],
        action: manquant.type === 'piece' ? actionPiece(this.dossier().pieces, manquant.code) : 'À renseigner',
      };
    });
  });
  protected readonly situation = computed(() => {
    const situation = this.dossier().situationCourante;
    return situation === null ? null : { libelle: libelleSituation(situation), depuis: formatJour(situation.dateDebut) };
  });
  protected readonly suivi = computed<SuiviVm | null>(() => {
    const { suivi, missionLocale } = this.dossier();
    if (suivi === undefined) {
      return null;
    }
    const evenement = suivi.dernierEvenement;
    return {
      dernierEvenement:
        evenement === null
          ? null
          : {
              type: evenement.typeLibelle,
              detail:
                ` le ${formatJourDansFuseau(evenement.date, missionLocale.timezone)} par ${nomPersonne(evenement.conseiller)}` +
                (evenement.objet === null ? '' : ` — ${evenement.objet}`),
            },
      actions: libelleActions(suivi.actionsOuvertes, suivi.actionsEnRetard),
      enRetard: suivi.actionsEnRetard > 0,
      propositions: libellePropositions(suivi.propositionsEnCours),
    };
  });
  protected readonly modification = computed(() => {
    const { modifieLe, modifiePar } = this.dossier();
    return `${formatInstant(modifieLe)}${modifiePar === null ? '' : ` par ${nomPersonne(modifiePar)}`}`;
  });
}
