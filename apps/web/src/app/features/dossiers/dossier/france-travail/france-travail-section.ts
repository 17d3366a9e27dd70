import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { type DossierDto, franceTravailSchema, SECTION_DOSSIER_LABELS } from '@imilo/domain';
import { errorMessage } from '../../../../core/forms/zod-validator';
import { formatJour, ouiNon, texte } from '../dossier-format';
import { choixControl, OUI_NON, ouVide, texteControl, vide } from '../section-editing/form-fields';
import { type DiffEntry, parseSection, SectionEditor } from '../section-editing/section-editor';
import { SectionEntries } from '../section-editing/section-entries';
import { SectionFrame } from '../section-editing/section-frame';

interface FranceTravailForm {
  readonly inscrit: boolean | null;
  readonly identifiant: string;
  readonly dateInscription: string;
}

const entries = (value: FranceTravailForm): DiffEntry[] => [
  { path: 'inscrit', label: 'Inscrit(e) à France Travail', text: ouiNon(value.inscrit) },
  { path: 'identifiant', label: 'Identifiant France Travail', text: texte(vide(value.identifiant)) },
  { path: 'dateInscription', label: "Date d'inscription", text: formatJour(vide(value.dateInscription)) },
];

const fromDossier = (dossier: DossierDto): FranceTravailForm => ({
  inscrit: dossier.franceTravail?.inscrit ?? null,
  identifiant: ouVide(dossier.franceTravail?.identifiant),
  dateInscription: ouVide(dossier.franceTravail?.dateInscription),
});

/** The France Travail section: registration, identifier and date. */
@Component({
  selector: 'app-france-travail-section',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, SectionFrame, SectionEntries],
  providers: [SectionEditor],
  templateUrl: './france-travail-section.html',
  styleUrl: '../section-editing/dossier-section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FranceTravailSection {
  readonly dossier = input.required<DossierDto>();
  /** Whether the user may change this section. */
  readonly editable = input(false);

  protected readonly editor = inject(SectionEditor);
  protected readonly title = SECTION_DOSSIER_LABELS.franceTravail;
  protected readonly ouiNon = OUI_NON;
  protected readonly errorMessage = errorMessage;
  protected readonly form = new FormGroup({
    inscrit: choixControl<boolean>(),
    identifiant: texteControl(),
    dateInscription: texteControl(),
  });
  protected readonly entries = computed(() => entries(fromDossier(this.dossier())));

  constructor() {
    this.editor.attach<FranceTravailForm>({
      section: 'franceTravail',
      form: this.form,
      fromDossier,
      value: () => this.form.getRawValue(),
      reset: (value) => this.form.reset(value),
      toPatch: (value) =>
        parseSection(
          franceTravailSchema,
          { inscrit: value.inscrit, identifiant: vide(value.identifiant), dateInscription: vide(value.dateInscription) },
          (franceTravail) => ({ franceTravail }),
        ),
      describe: (value) => entries(value),
    });
  }
}
