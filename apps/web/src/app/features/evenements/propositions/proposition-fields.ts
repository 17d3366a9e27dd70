import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { type OffreInterneDto, type Theme, THEME_LABELS, THEMES, TYPE_OFFRE_INTERNE_LABELS } from '@imilo/domain';
import { controlState, ouNull } from '../evenement-sheet/form-issues';

/** What is proposed: an offre of the internal offre de service (`offreId`), or a free libellé and its thème. */
export type PropositionFieldsForm = FormGroup<{
  offreId: FormControl<string | null>;
  libelle: FormControl<string>;
  theme: FormControl<Theme | null>;
}>;

/** The value of those fields, as typed. */
export type PropositionFieldsValue = ReturnType<PropositionFieldsForm['getRawValue']>;

export const propositionFieldsForm = (
  value: PropositionFieldsValue = { offreId: null, libelle: '', theme: null },
): PropositionFieldsForm =>
  new FormGroup({
    offreId: new FormControl<string | null>(value.offreId),
    libelle: new FormControl(value.libelle, { nonNullable: true }),
    theme: new FormControl<Theme | null>(value.theme),
  });

/** The fields as the domain schema reads them: an offre brings its own libellé and thème. */
export const propositionChoisie = ({ offreId, libelle, theme }: PropositionFieldsValue) =>
  offreId === null ? { offreId, libelle: ouNull(libelle), theme } : { offreId, libelle: null, theme: null };

/** The libellé a proposition will show, for its preview and its label in the pending list. */
export const libelleProposition = (value: PropositionFieldsValue, offres: readonly OffreInterneDto[]): string =>
  offres.find(({ id }) => id === value.offreId)?.libelle ?? value.libelle.trim();

/** Picks an offre of the offre de service, or describes the proposition in a libellé and a thème. */
@Component({
  selector: 'app-proposition-fields',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule],
  template: `
    @if (offres().length > 0) {
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Offre de service</mat-label>
        <mat-select [formControl]="group().controls.offreId">
          <mat-option [value]="null">Aucune : saisir un libellé</mat-option>
          @for (offre of offres(); track offre.id) {
            <mat-option [value]="offre.id">{{ offre.libelle }} ({{ typeLabels[offre.type] }})</mat-option>
          }
        </mat-select>
        @if (offre()?.message; as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>
    }
    @if ((offre()?.value ?? null) === null) {
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Libellé de la proposition</mat-label>
        <input matInput [formControl]="group().controls.libelle" autocomplete="off" />
        @if (libelle()?.message; as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Thème</mat-label>
        <mat-select [formControl]="group().controls.theme">
          @for (theme of themes; track theme) {
            <mat-option [value]="theme">{{ themeLabels[theme] }}</mat-option>
          }
        </mat-select>
        @if (theme()?.message; as message) {
          <mat-error>{{ message }}</mat-error>
        }
      </mat-form-field>
    }
  `,
  styles: `
    :host {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
      gap: 12px;
      align-items: start;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PropositionFields {
  readonly group = input.required<PropositionFieldsForm>();
  /** The active offres of the Mission Locale; none (offline, or none defined): libellé and thème only. */
  readonly offres = input.required<readonly OffreInterneDto[]>();

  protected readonly themes = THEMES;
  protected readonly themeLabels = THEME_LABELS;
  protected readonly typeLabels = TYPE_OFFRE_INTERNE_LABELS;
  protected readonly offre = controlState(computed(() => this.group().controls.offreId));
  protected readonly libelle = controlState(computed(() => this.group().controls.libelle));
  protected readonly theme = controlState(computed(() => this.group().controls.theme));
}
