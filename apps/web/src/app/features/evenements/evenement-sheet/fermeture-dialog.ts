import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';

/** What the conseiller chose: keep typing, close and keep the draft, or close and forget it. */
export type FermetureChoix = 'continuer' | 'garder' | 'effacer';

/** Asks before the quick-entry sheet closes on an événement not saved; continuing is the default. */
@Component({
  selector: 'app-fermeture-dialog',
  imports: [MatButton, MatDialogModule],
  template: `
    <h2 mat-dialog-title>Fermer sans enregistrer ?</h2>
    <mat-dialog-content>
      <p>L'événement n'est pas enregistré. Le brouillon reste sur cet appareil et sera repris à la prochaine saisie.</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="'effacer'">Effacer le brouillon</button>
      <button mat-button type="button" [mat-dialog-close]="'garder'">Fermer</button>
      <button mat-flat-button type="button" [mat-dialog-close]="'continuer'" cdkFocusInitial>Continuer la saisie</button>
    </mat-dialog-actions>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FermetureDialog {}
