import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { FormArray, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  type DossierDto,
  familleSchema,
  MODE_GARDE_LABELS,
  type ModeGarde,
  MODES_GARDE,
  SECTION_DOSSIER_LABELS,
  SITUATION_FAMILIALE_LABELS,
  type SituationFamiliale,
  SITUATIONS_FAMILIALES,
} from '@imilo/domain';
import { UiIcon } from '@imilo/ui';
import { errorMessage } from '../../../../core/forms/zod-validator';
import { libelle, texte } from '../dossier-format';
import { choix, choixControl, ouVide, texteControl, vide } from '../section-editing/form-fields';
import { RemoveRowButton } from '../section-editing/remove-row-button';
import { type DiffEntry, parseSection, SectionEditor } from '../section-editing/section-editor';
import { SectionEntries } from '../section-editing/section-entries';
import { SectionFrame } from '../section-editing/section-frame';

interface RepresentantForm {
  readonly nom: string;
  readonly prenom: string;
  readonly lien: string;
  readonly telephone: string;
  readonly email: string;
}

interface FamilleForm {
  readonly situationFamiliale: SituationFamiliale | null;
  readonly enfantsACharge: string;
  readonly modeGarde: ModeGarde | null;
  readonly representantsLegaux: RepresentantForm[];
}

const representantTexte = (representant: RepresentantForm): string =>
  [`${representant.nom} ${representant.prenom} (${representant.lien})`, representant.telephone, representant.email]
    .filter((part) => part.trim() !== '')
    .join(' · ');

const entries = (value: FamilleForm): DiffEntry[] => [
  {
    path: 'situationFamiliale',
    label: 'Situation familiale',
    text: libelle(SITUATION_FAMILIALE_LABELS, value.situationFamiliale),
  },
  { path: 'enfantsACharge', label: 'Enfants à charge', text: texte(vide(value.enfantsACharge)) },
  { path: 'modeGarde', label: 'Mode de garde', text: libelle(MODE_GARDE_LABELS, value.modeGarde) },
  ...value.representantsLegaux.map((representant, index) => ({
    path: `representantsLegaux.${index}`,
    label: `Représentant légal ${index + 1}`,
    text: representantTexte(representant),
  })),
];

const fromDossier = (dossier: DossierDto): FamilleForm => ({
  situationFamiliale: dossier.famille?.situationFamiliale ?? null,
  enfantsACharge: ouVide(dossier.famille?.enfantsACharge),
  modeGarde: dossier.famille?.modeGarde ?? null,
  representantsLegaux: (dossier.famille?.representantsLegaux ?? []).map((representant) => ({
    nom: representant.nom,
    prenom: representant.prenom,
    lien: representant.lien,
    telephone: ouVide(representant.telephone),
    email: ouVide(representant.email),
  })),
});

const representantGroup = (value?: RepresentantForm) =>
  new FormGroup({
    nom: texteControl(value?.nom),
    prenom: texteControl(value?.prenom),
    lien: texteControl(value?.lien),
    telephone: texteControl(value?.telephone),
    email: texteControl(value?.email),
  });

// A number typed in a text field: kept as typed when it is not one, so that the schema says what is wrong.
const nombre = (value: string): number | string | null => {
  const trimmed = value.trim();
  return trimmed === '' ? null : /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
};

/** The famille section: family situation, children, childcare and, for a minor, the legal representatives. */
@Component({
  selector: 'app-famille-section',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    UiIcon,
    SectionFrame,
    SectionEntries,
    RemoveRowButton,
  ],
  providers: [SectionEditor],
  templateUrl: './famille-section.html',
  styleUrl: '../section-editing/dossier-section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FamilleSection {
  readonly dossier = input.required<DossierDto>();
  /** Whether the user may change this section. */
  readonly editable = input(false);

  protected readonly editor = inject(SectionEditor);
  protected readonly title = SECTION_DOSSIER_LABELS.famille;
  protected readonly situations = choix(SITUATIONS_FAMILIALES, SITUATION_FAMILIALE_LABELS);
  protected readonly modesGarde = choix(MODES_GARDE, MODE_GARDE_LABELS);
  protected readonly errorMessage = errorMessage;
  protected readonly form = new FormGroup({
    situationFamiliale: choixControl<SituationFamiliale>(),
    enfantsACharge: texteControl(),
    modeGarde: choixControl<ModeGarde>(),
    representantsLegaux: new FormArray<ReturnType<typeof representantGroup>>([]),
  });
  protected readonly entries = computed(() => entries(fromDossier(this.dossier())));
  /** Representatives concern a minor; a list kept from before the 18th birthday stays visible. */
  protected readonly showRepresentants = computed(
    () => this.dossier().age < 18 || (this.dossier().famille?.representantsLegaux.length ?? 0) > 0,
  );

  constructor() {
    this.editor.attach<FamilleForm>({
      section: 'famille',
      form: this.form,
      fromDossier,
      value: () => this.form.getRawValue(),
      reset: (value) => {
        this.form.controls.representantsLegaux.clear();
        value.representantsLegaux.forEach((representant) =>
          this.form.controls.representantsLegaux.push(representantGroup(representant)),
        );
        this.form.reset(value);
      },
      toPatch: (value) =>
        parseSection(
          familleSchema,
          {
            situationFamiliale: value.situationFamiliale,
            enfantsACharge: nombre(value.enfantsACharge),
            modeGarde: value.modeGarde,
            representantsLegaux: value.representantsLegaux.map((representant) => ({
              nom: representant.nom,
              prenom: representant.prenom,
              lien: representant.lien,
              telephone: vide(representant.telephone),
              email: vide(representant.email),
            })),
          },
          (famille) => ({ famille }),
        ),
      describe: (value) => entries(value),
    });
  }

  protected addRepresentant(): void {
    this.form.controls.representantsLegaux.push(representantGroup());
  }

  protected removeRepresentant(index: number): void {
    this.form.controls.representantsLegaux.removeAt(index);
  }
}
