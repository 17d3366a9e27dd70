import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { type FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ACTIONS_PREDEFINIES } from '@imilo/domain';
import { controlState } from '../evenement-sheet/form-issues';

// "cv" finds "Mettre à jour son CV", "etranger" finds "l'étranger".
const normalise = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();

const PREDEFINIES = ACTIONS_PREDEFINIES.map((titre) => ({ titre, cle: normalise(titre) }));

/** The title of an action: the 20 predefined titles proposed as the conseiller types, or a title of their own. */
@Component({
  selector: 'app-action-titre-field',
  imports: [ReactiveFormsModule, MatAutocompleteModule, MatFormFieldModule, MatInputModule],
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="action-titre-field">
      <mat-label>{{ label() }}</mat-label>
      <input matInput [formControl]="control()" [matAutocomplete]="titres" autocomplete="off" />
      <mat-autocomplete #titres="matAutocomplete">
        @for (titre of suggestions(); track titre) {
          <mat-option [value]="titre">{{ titre }}</mat-option>
        }
      </mat-autocomplete>
      <mat-hint>Choisissez une action proposée ou écrivez la vôtre.</mat-hint>
      @if (state()?.message; as message) {
        <mat-error>{{ message }}</mat-error>
      }
    </mat-form-field>
  `,
  styles: `
    :host,
    .action-titre-field {
      display: block;
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ActionTitreField {
  readonly control = input.required<FormControl<string>>();
  readonly label = input('Action');

  protected readonly state = controlState(this.control);
  protected readonly suggestions = computed(() => {
    const typed = normalise(this.state()?.value ?? '');
    return PREDEFINIES.filter(({ cle }) => cle.includes(typed)).map(({ titre }) => titre);
  });
}
