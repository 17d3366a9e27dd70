import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { type DossierDto, SECTION_DOSSIER_LABELS, santeSchema } from '@imilo/domain';
import { errorMessage } from '../../../../core/forms/zod-validator';
import { formatJour, ouiNon } from '../dossier-format';
import { choixControl, OUI_NON, ouVide, texteControl, vide } from '../section-editing/form-fields';
import { type DiffEntry, parseSection, SectionEditor } from '../section-editing/section-editor';
import { SectionEntries } from '../section-editing/section-entries';
import { SectionFrame } from '../section-editing/section-frame';

interface SanteForm {
  readonly rqth: boolean | null;
  readonly rqthFin: string;
}

const entries = (value: SanteForm): DiffEntry[] => [
  { path: 'rqth', label: 'Reconnaissance de la qualité de travailleur handicapé', text: ouiNon(value.rqth) },
  { path: 'rqthFin', label: 'Fin de la RQTH', text: formatJour(vide(value.rqthFin)) },
];

const fromDossier = (dossier: DossierDto): SanteForm => ({
  rqth: dossier.sante?.rqth ?? null,
  rqthFin: ouVide(dossier.sante?.rqthFin),
});

/** The RQTH section: whether the jeune holds the recognition, and until when. */
@Component({
  selector: 'app-sante-section',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, SectionFrame, SectionEntries],
  providers: [SectionEditor],
  templateUrl: './sante-section.html',
  styleUrl: '../section-editing/dossier-section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SanteSection {
  readonly dossier = input.required<DossierDto>();
  /** Whether the user may change this section. */
  readonly editable = input(false);

  protected readonly editor = inject(SectionEditor);
  protected readonly title = SECTION_DOSSIER_LABELS.sante;
  protected readonly ouiNon = OUI_NON;
  protected readonly errorMessage = errorMessage;
  protected readonly form = new FormGroup({ rqth: choixControl<boolean>(), rqthFin: texteControl() });
  protected readonly entries = computed(() => entries(fromDossier(this.dossier())));

  constructor() {
    this.editor.attach<SanteForm>({
      section: 'sante',
      form: this.form,
      fromDossier,
      value: () => this.form.getRawValue(),
      reset: (value) => this.form.reset(value),
      toPatch: (value) =>
        parseSection(santeSchema, { rqth: value.rqth, rqthFin: vide(value.rqthFin) }, (sante) => ({ sante })),
      describe: (value) => entries(value),
    });
  }
}
