import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import {
  type DossierDto,
  logementSchema,
  SECTION_DOSSIER_LABELS,
  SITUATION_LOGEMENT_LABELS,
  SITUATIONS_LOGEMENT,
  type SituationLogement,
} from '@imilo/domain';
import { errorMessage } from '../../../../core/forms/zod-validator';
import { libelle, ouiNon } from '../dossier-format';
import { choix, choixControl, OUI_NON } from '../section-editing/form-fields';
import { type DiffEntry, parseSection, SectionEditor } from '../section-editing/section-editor';
import { SectionEntries } from '../section-editing/section-entries';
import { SectionFrame } from '../section-editing/section-frame';

interface LogementForm {
  readonly situation: SituationLogement | null;
  readonly difficulte: boolean | null;
}

const entries = (value: LogementForm): DiffEntry[] => [
  { path: 'situation', label: 'Situation de logement', text: libelle(SITUATION_LOGEMENT_LABELS, value.situation) },
  { path: 'difficulte', label: 'Difficulté de logement', text: ouiNon(value.difficulte) },
];

const fromDossier = (dossier: DossierDto): LogementForm => ({
  situation: dossier.logement?.situation ?? null,
  difficulte: dossier.logement?.difficulte ?? null,
});

/** The logement section: where the jeune lives, and whether it is a difficulty. */
@Component({
  selector: 'app-logement-section',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatSelectModule, SectionFrame, SectionEntries],
  providers: [SectionEditor],
  templateUrl: './logement-section.html',
  styleUrl: '../section-editing/dossier-section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LogementSection {
  readonly dossier = input.required<DossierDto>();
  /** Whether the user may change this section. */
  readonly editable = input(false);

  protected readonly editor = inject(SectionEditor);
  protected readonly title = SECTION_DOSSIER_LABELS.logement;
  protected readonly situations = choix(SITUATIONS_LOGEMENT, SITUATION_LOGEMENT_LABELS);
  protected readonly ouiNon = OUI_NON;
  protected readonly errorMessage = errorMessage;
  protected readonly form = new FormGroup({
    situation: choixControl<SituationLogement>(),
    difficulte: choixControl<boolean>(),
  });
  protected readonly entries = computed(() => entries(fromDossier(this.dossier())));

  constructor() {
    this.editor.attach<LogementForm>({
      section: 'logement',
      form: this.form,
      fromDossier,
      value: () => this.form.getRawValue(),
      reset: (value) => this.form.reset(value),
      toPatch: (value) => parseSection(logementSchema, value, (logement) => ({ logement })),
      describe: (value) => entries(value),
    });
  }
}
