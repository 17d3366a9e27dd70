import { BreakpointObserver } from '@angular/cdk/layout';
import { computed, inject, Injectable } from '@angular/core';
import { MatBottomSheet } from '@angular/material/bottom-sheet';
import { MatDialog } from '@angular/material/dialog';
import { CAPABILITIES, can, type DossierDto, type EvenementDto } from '@imilo/domain';
import { Store } from '@ngrx/store';
import { TABLET_QUERY } from '../../../core/layout/navigation';
import { authFeature } from '../../auth/auth.feature';
import { EvenementSheet, type EvenementSheetData } from './evenement-sheet';

/**
 * Opens the quick-entry sheet of an événement for a dossier: a bottom sheet on a phone, a side sheet (a 560 px dialog
 * against the right edge) on a tablet, where the dossier stays visible beside it. With an événement read from the BFF,
 * the same sheet corrects it, or shows it to those who may not (`evenementSheetMode`).
 */
@Injectable({ providedIn: 'root' })
export class EvenementSheetLauncher {
  private readonly dialog = inject(MatDialog);
  private readonly bottomSheet = inject(MatBottomSheet);
  private readonly breakpoints = inject(BreakpointObserver);
  private readonly roles = inject(Store).selectSignal(authFeature.selectRoles);
  /** One sheet at a time: a second tap while it opens must not start a second entry. */
  private opened = false;

  /** Whether the signed-in user may record an événement (a chargé d'accueil: the premier accueil only). */
  readonly canRecord = computed(
    () => can(this.roles(), CAPABILITIES.evenementsWrite) || can(this.roles(), CAPABILITIES.evenementsPremierAccueil),
  );

  open(dossier: DossierDto, evenement?: EvenementDto): void {
    if (this.opened) {
      return;
    }
    this.opened = true;
    const data: EvenementSheetData = { jeuneId: dossier.id, missionLocaleId: dossier.missionLocale.id, evenement };
    // The sheet asks before closing on unsaved input: backdrop and Escape go through it.
    const closed = this.breakpoints.isMatched(TABLET_QUERY)
      ? this.dialog
          .open<EvenementSheet, EvenementSheetData>(EvenementSheet, {
            data,
            width: '560px',
            maxWidth: '100vw',
            height: '100%',
            position: { top: '0', right: '0' },
            disableClose: true,
            autoFocus: 'first-heading',
            ariaLabelledBy: 'evenement-sheet-title',
          })
          .afterClosed()
      : this.bottomSheet
          .open<EvenementSheet, EvenementSheetData>(EvenementSheet, {
            data,
            disableClose: true,
            autoFocus: 'first-heading',
            ariaLabel: evenement === undefined ? 'Nouvel événement' : `${evenement.type.libelle} : détail de l'événement`,
          })
          .afterDismissed();
    closed.subscribe(() => {
      this.opened = false;
    });
  }
}
