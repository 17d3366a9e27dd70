import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  CATEGORIE_SITUATION_LABELS,
  CATEGORIES_SITUATION,
  type CategorieSituation,
  type DossierDto,
  ETAT_SITUATION_LABELS,
  type EtatSituation,
  ETATS_SITUATION,
  SECTION_DOSSIER_LABELS,
  situationSchema,
  type SituationDto,
} from '@imilo/domain';
import { UiEmptyState, UiIcon } from '@imilo/ui';
import * as z from 'zod';
import { errorMessage } from '../../../../core/forms/zod-validator';
import { formatJour, libelleSituation } from '../dossier-format';
import { choix, choixControl, ouVide, texteControl, vide } from '../section-editing/form-fields';
import { type DiffEntry, parseSection, SectionEditor } from '../section-editing/section-editor';
import { SectionFrame } from '../section-editing/section-frame';

interface SituationForm {
  /** Absent for a situation added in this form. */
  readonly id: string | null;
  readonly categorie: CategorieSituation | null;
  readonly etat: EtatSituation;
  readonly dateDebut: string;
  readonly dateFin: string;
  readonly intitule: string;
  readonly romeCode: string;
}

const situationsSchema = z.array(situationSchema).max(50, 'Cinquante situations au plus.');

/** "du lundi 7 décembre 2026 au …", "depuis le …". */
const periode = (dateDebut: string, dateFin: string): string =>
  dateFin === '' ? `depuis le ${formatJour(dateDebut)}` : `du ${formatJour(dateDebut)} au ${formatJour(dateFin)}`;

// Current first, then en cours, prévues, terminées; the latest start first within each.
const trier = <T extends { readonly id: string | null; readonly etat: EtatSituation; readonly dateDebut: string }>(
  situations: readonly T[],
  courante: string | null,
): T[] =>
  [...situations].sort(
    (a, b) =>
      Number(b.id !== null && b.id === courante) - Number(a.id !== null && a.id === courante) ||
      ETATS_SITUATION.indexOf(a.etat) - ETATS_SITUATION.indexOf(b.etat) ||
      b.dateDebut.localeCompare(a.dateDebut),
  );

const toForm = (situation: SituationDto): SituationForm => ({
  id: situation.id,
  categorie: situation.categorie,
  etat: situation.etat,
  dateDebut: situation.dateDebut,
  dateFin: ouVide(situation.dateFin),
  intitule: ouVide(situation.intitule),
  romeCode: ouVide(situation.romeCode),
});

const entries = (situations: readonly SituationForm[]): DiffEntry[] =>
  situations.map((situation, index) => ({
    path: situation.id ?? `nouvelle.${index}`,
    label: situation.categorie === null ? 'Situation' : CATEGORIE_SITUATION_LABELS[situation.categorie],
    text: [
      situation.intitule,
      ETAT_SITUATION_LABELS[situation.etat],
      situation.dateDebut === '' ? '' : periode(situation.dateDebut, situation.dateFin),
      situation.romeCode === '' ? '' : `ROME ${situation.romeCode}`,
    ]
      .filter((part) => part !== '')
      .join(' · '),
  }));

const fromDossier = (dossier: DossierDto): SituationForm[] =>
  trier(dossier.situations ?? [], dossier.situationCourante?.id ?? null).map(toForm);

/** Today on the device, as the ISO day a situation starts or ends. */
const aujourdhui = (): string => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

const situationGroup = (value: SituationForm) =>
  new FormGroup({
    id: new FormControl<string | null>(value.id),
    categorie: choixControl<CategorieSituation>(value.categorie),
    etat: new FormControl<EtatSituation>(value.etat, { nonNullable: true }),
    dateDebut: texteControl(value.dateDebut),
    dateFin: texteControl(value.dateFin),
    intitule: texteControl(value.intitule),
    romeCode: texteControl(value.romeCode),
  });

/** The situations: what the jeune does, did and will do; the current one first and marked. */
@Component({
  selector: 'app-situations-section',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    UiEmptyState,
    UiIcon,
    SectionFrame,
  ],
  providers: [SectionEditor],
  templateUrl: './situations-section.html',
  styleUrls: ['../section-editing/dossier-section.scss', './situations-section.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SituationsSection {
  readonly dossier = input.required<DossierDto>();
  /** Whether the user may change this section. */
  readonly editable = input(false);

  protected readonly editor = inject(SectionEditor);
  protected readonly title = SECTION_DOSSIER_LABELS.situations;
  protected readonly categories = choix(CATEGORIES_SITUATION, CATEGORIE_SITUATION_LABELS);
  protected readonly etats = choix(ETATS_SITUATION, ETAT_SITUATION_LABELS);
  protected readonly etatLabels = ETAT_SITUATION_LABELS;
  protected readonly errorMessage = errorMessage;
  protected readonly libelleSituation = libelleSituation;
  protected readonly periode = (situation: SituationDto): string => periode(situation.dateDebut, ouVide(situation.dateFin));
  protected readonly form = new FormArray<ReturnType<typeof situationGroup>>([]);
  protected readonly courante = computed(() => this.dossier().situationCourante?.id ?? null);
  protected readonly situations = computed(() => trier(this.dossier().situations ?? [], this.courante()));

  constructor() {
    this.editor.attach<SituationForm[]>({
      section: 'situations',
      form: this.form,
      fromDossier,
      value: () => this.form.getRawValue(),
      reset: (value) => {
        this.form.clear();
        value.forEach((situation) => this.form.push(situationGroup(situation)));
      },
      toPatch: (value) =>
        parseSection(
          situationsSchema,
          value.map(({ id, ...situation }) => ({
            ...(id === null ? {} : { id }),
            categorie: situation.categorie,
            etat: situation.etat,
            dateDebut: situation.dateDebut,
            dateFin: vide(situation.dateFin),
            intitule: vide(situation.intitule),
            romeCode: vide(situation.romeCode),
          })),
          (situations) => ({ situations }),
        ),
      describe: (value) => entries(value),
    });
  }

  protected addSituation(): void {
    this.form.insert(
      0,
      situationGroup({
        id: null,
        categorie: null,
        etat: 'EN_COURS',
        dateDebut: aujourdhui(),
        dateFin: '',
        intitule: '',
        romeCode: '',
      }),
    );
  }

  /** Ends a situation today, unless its end was already typed. */
  protected endSituation(index: number): void {
    const row = this.form.at(index);
    row.controls.etat.setValue('TERMINE');
    if (row.controls.dateFin.value === '') {
      row.controls.dateFin.setValue(aujourdhui());
    }
  }

  protected removeSituation(index: number): void {
    this.form.removeAt(index);
  }

  protected rowTitle(row: ReturnType<typeof situationGroup>, index: number): string {
    const categorie = row.controls.categorie.value;
    return categorie === null ? `Nouvelle situation ${index + 1}` : `${CATEGORIE_SITUATION_LABELS[categorie]} (situation ${index + 1})`;
  }
}
