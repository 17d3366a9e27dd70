import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  type DossierDto,
  ressourcesSchema,
  SECTION_DOSSIER_LABELS,
  TYPE_RESSOURCE_LABELS,
  type TypeRessource,
  TYPES_RESSOURCE,
} from '@imilo/domain';
import { UiIcon } from '@imilo/ui';
import { errorMessage } from '../../../../core/forms/zod-validator';
import { formatJour, libelle, NON_RENSEIGNE } from '../dossier-format';
import { choix, choixControl, ouVide, texteControl, vide } from '../section-editing/form-fields';
import { RemoveRowButton } from '../section-editing/remove-row-button';
import { type DiffEntry, parseSection, SectionEditor } from '../section-editing/section-editor';
import { SectionEntries } from '../section-editing/section-entries';
import { SectionFrame } from '../section-editing/section-frame';

/** Whether the question was asked, and its answer. */
type Reponse = 'inconnue' | 'aucune' | 'liste';

interface RessourceForm {
  readonly type: TypeRessource | null;
  readonly dateDebut: string;
  readonly dateFin: string;
  readonly numeroAllocataire: string;
}

interface RessourcesForm {
  readonly reponse: Reponse;
  readonly liste: RessourceForm[];
}

const periode = (debut: string, fin: string): string | null =>
  debut !== '' && fin !== ''
    ? `du ${formatJour(debut)} au ${formatJour(fin)}`
    : debut !== ''
      ? `depuis le ${formatJour(debut)}`
      : fin !== ''
        ? `jusqu'au ${formatJour(fin)}`
        : null;

const ressourceTexte = (ressource: RessourceForm): string =>
  [
    libelle(TYPE_RESSOURCE_LABELS, ressource.type),
    ressource.numeroAllocataire === '' ? null : `n° allocataire ${ressource.numeroAllocataire}`,
    periode(ressource.dateDebut, ressource.dateFin),
  ]
    .filter((part) => part !== null)
    .join(' · ');

const entries = (value: RessourcesForm): DiffEntry[] => {
  if (value.reponse === 'inconnue') {
    return [{ path: 'liste', label: 'Ressources', text: NON_RENSEIGNE }];
  }
  if (value.reponse === 'aucune' || value.liste.length === 0) {
    return [{ path: 'liste', label: 'Ressources', text: 'Aucune aide ni allocation' }];
  }
  return value.liste.map((ressource, index) => ({
    path: `liste.${index}`,
    label: `Ressource ${index + 1}`,
    text: ressourceTexte(ressource),
  }));
};

const fromDossier = (dossier: DossierDto): RessourcesForm => {
  const liste = dossier.ressources?.liste ?? null;
  return {
    reponse: liste === null ? 'inconnue' : liste.length === 0 ? 'aucune' : 'liste',
    liste: (liste ?? []).map((ressource) => ({
      type: ressource.type,
      dateDebut: ouVide(ressource.dateDebut),
      dateFin: ouVide(ressource.dateFin),
      numeroAllocataire: ouVide(ressource.numeroAllocataire),
    })),
  };
};

const ressourceGroup = (value?: RessourceForm) =>
  new FormGroup({
    type: choixControl<TypeRessource>(value?.type ?? null),
    dateDebut: texteControl(value?.dateDebut),
    dateFin: texteControl(value?.dateFin),
    numeroAllocataire: texteControl(value?.numeroAllocataire),
  });

/** The ressources section: social aid and allowances, or none, or not asked yet. */
@Component({
  selector: 'app-ressources-section',
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
  templateUrl: './ressources-section.html',
  styleUrl: '../section-editing/dossier-section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RessourcesSection {
  readonly dossier = input.required<DossierDto>();
  /** Whether the user may change this section. */
  readonly editable = input(false);

  protected readonly editor = inject(SectionEditor);
  protected readonly title = SECTION_DOSSIER_LABELS.ressources;
  protected readonly types = choix(TYPES_RESSOURCE, TYPE_RESSOURCE_LABELS);
  protected readonly reponses: readonly { readonly value: Reponse; readonly label: string }[] = [
    { value: 'inconnue', label: 'Non renseigné' },
    { value: 'aucune', label: 'Aucune aide ni allocation' },
    { value: 'liste', label: 'Perçoit des aides ou allocations' },
  ];
  protected readonly errorMessage = errorMessage;
  protected readonly form = new FormGroup({
    reponse: new FormControl<Reponse>('inconnue', { nonNullable: true }),
    liste: new FormArray<ReturnType<typeof ressourceGroup>>([]),
  });
  protected readonly reponse = toSignal(this.form.controls.reponse.valueChanges, { initialValue: this.form.controls.reponse.value });
  protected readonly entries = computed(() => entries(fromDossier(this.dossier())));

  constructor() {
    this.editor.attach<RessourcesForm>({
      section: 'ressources',
      form: this.form,
      fromDossier,
      value: () => this.form.getRawValue(),
      reset: (value) => {
        this.form.controls.liste.clear();
        value.liste.forEach((ressource) => this.form.controls.liste.push(ressourceGroup(ressource)));
        this.form.reset(value);
      },
      toPatch: (value) =>
        parseSection(
          ressourcesSchema,
          {
            liste:
              value.reponse === 'inconnue'
                ? null
                : value.reponse === 'aucune'
                  ? []
                  : value.liste.map((ressource) => ({
                      type: ressource.type,
                      dateDebut: vide(ressource.dateDebut),
                      dateFin: vide(ressource.dateFin),
                      numeroAllocataire: vide(ressource.numeroAllocataire),
                    })),
          },
          (ressources) => ({ ressources }),
        ),
      describe: (value) => entries(value),
    });
  }

  protected addRessource(): void {
    this.form.controls.liste.push(ressourceGroup());
  }

  protected removeRessource(index: number): void {
    this.form.controls.liste.removeAt(index);
  }
}
