import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import {
  type DossierDto,
  type Manquant,
  NIVEAU_COMPLETUDE_LABELS,
  SECTION_DOSSIER_LABELS,
  type SectionDossier,
} from '@imilo/domain';
import { UiIcon } from '@imilo/ui';
import { formatInstant, formatJour, libelleSituation, nomPersonne } from '../dossier-format';

/** Where a missing item is filled in: its section, or the pièces for a document. */
export type DossierDestination = SectionDossier | 'pieces';

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

/** The dossier's synthesis: what is missing for the next completeness level, and the current situation. */
@Component({
  selector: 'app-synthese',
  imports: [UiIcon],
  templateUrl: './synthese.html',
  styleUrl: './synthese.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Synthese {
  readonly dossier = input.required<DossierDto>();
  /** A missing item was chosen: the page opens where it is filled in. */
  readonly destinationChosen = output<DossierDestination>();

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
  protected readonly modification = computed(() => {
    const { modifieLe, modifiePar } = this.dossier();
    return `${formatInstant(modifieLe)}${modifiePar === null ? '' : ` par ${nomPersonne(modifiePar)}`}`;
  });
}
