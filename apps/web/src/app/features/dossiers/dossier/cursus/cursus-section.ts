import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { FormArray, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  cursusSchema,
  type DossierDto,
  NIVEAU_FORMATION_LABELS,
  type NiveauFormation,
  type NiveauLangue,
  NIVEAUX_FORMATION,
  NIVEAUX_LANGUE,
  SECTION_DOSSIER_LABELS,
} from '@imilo/domain';
import { UiIcon } from '@imilo/ui';
import { errorMessage } from '../../../../core/forms/zod-validator';
import { formatJour, libelle, texte } from '../dossier-format';
import { choix, choixControl, ouVide, texteControl, vide } from '../section-editing/form-fields';
import { RemoveRowButton } from '../section-editing/remove-row-button';
import { type DiffEntry, parseSection, SectionEditor } from '../section-editing/section-editor';
import { SectionEntries } from '../section-editing/section-entries';
import { SectionFrame } from '../section-editing/section-frame';

interface DiplomeForm {
  readonly intitule: string;
  readonly niveau: NiveauFormation | null;
  readonly dateObtention: string;
}

interface ExperienceForm {
  readonly intitule: string;
  readonly romeCode: string;
  readonly employeur: string;
  readonly dateDebut: string;
  readonly dateFin: string;
}

interface LangueForm {
  readonly langue: string;
  readonly niveau: NiveauLangue | null;
}

interface CursusForm {
  readonly niveauFormation: NiveauFormation | null;
  readonly derniereClasse: string;
  readonly dateSortieFormationInitiale: string;
  readonly diplomes: DiplomeForm[];
  readonly experiences: ExperienceForm[];
  readonly langues: LangueForm[];
}

const NIVEAU_LANGUE_LABELS: Readonly<Record<NiveauLangue, string>> = {
  A1: 'A1 (débutant)',
  A2: 'A2 (élémentaire)',
  B1: 'B1 (intermédiaire)',
  B2: 'B2 (avancé)',
  C1: 'C1 (autonome)',
  C2: 'C2 (maîtrise)',
  MATERNELLE: 'Langue maternelle',
};

const parties = (...parts: readonly (string | null)[]): string => parts.filter((part) => part !== null && part !== '').join(' · ');

const diplomeTexte = (diplome: DiplomeForm): string =>
  parties(
    diplome.intitule,
    diplome.niveau === null ? null : NIVEAU_FORMATION_LABELS[diplome.niveau],
    diplome.dateObtention === '' ? null : `obtenu le ${formatJour(diplome.dateObtention)}`,
  );

const experienceTexte = (experience: ExperienceForm): string =>
  parties(
    experience.intitule,
    experience.employeur,
    experience.romeCode === '' ? null : `ROME ${experience.romeCode}`,
    experience.dateDebut === '' ? null : `du ${formatJour(experience.dateDebut)}`,
    experience.dateFin === '' ? null : `au ${formatJour(experience.dateFin)}`,
  );

const entries = (value: CursusForm): DiffEntry[] => [
  { path: 'niveauFormation', label: 'Niveau de formation', text: libelle(NIVEAU_FORMATION_LABELS, value.niveauFormation) },
  { path: 'derniereClasse', label: 'Dernière classe suivie', text: texte(vide(value.derniereClasse)) },
  {
    path: 'dateSortieFormationInitiale',
    label: 'Sortie de formation initiale',
    text: formatJour(vide(value.dateSortieFormationInitiale)),
  },
  ...value.diplomes.map((diplome, index) => ({ path: `diplomes.${index}`, label: `Diplôme ${index + 1}`, text: diplomeTexte(diplome) })),
  ...value.experiences.map((experience, index) => ({
    path: `experiences.${index}`,
    label: `Expérience ${index + 1}`,
    text: experienceTexte(experience),
  })),
  ...value.langues.map((langue, index) => ({
    path: `langues.${index}`,
    label: `Langue ${index + 1}`,
    text: parties(langue.langue, langue.niveau === null ? null : NIVEAU_LANGUE_LABELS[langue.niveau]),
  })),
];

const fromDossier = (dossier: DossierDto): CursusForm => ({
  niveauFormation: dossier.cursus?.niveauFormation ?? null,
  derniereClasse: ouVide(dossier.cursus?.derniereClasse),
  dateSortieFormationInitiale: ouVide(dossier.cursus?.dateSortieFormationInitiale),
  diplomes: (dossier.cursus?.diplomes ?? []).map((diplome) => ({
    intitule: diplome.intitule,
    niveau: diplome.niveau,
    dateObtention: ouVide(diplome.dateObtention),
  })),
  experiences: (dossier.cursus?.experiences ?? []).map((experience) => ({
    intitule: experience.intitule,
    romeCode: ouVide(experience.romeCode),
    employeur: ouVide(experience.employeur),
    dateDebut: ouVide(experience.dateDebut),
    dateFin: ouVide(experience.dateFin),
  })),
  langues: (dossier.cursus?.langues ?? []).map((langue) => ({ langue: langue.langue, niveau: langue.niveau })),
});

const diplomeGroup = (value?: DiplomeForm) =>
  new FormGroup({
    intitule: texteControl(value?.intitule),
    niveau: choixControl<NiveauFormation>(value?.niveau ?? null),
    dateObtention: texteControl(value?.dateObtention),
  });

const experienceGroup = (value?: ExperienceForm) =>
  new FormGroup({
    intitule: texteControl(value?.intitule),
    romeCode: texteControl(value?.romeCode),
    employeur: texteControl(value?.employeur),
    dateDebut: texteControl(value?.dateDebut),
    dateFin: texteControl(value?.dateFin),
  });

const langueGroup = (value?: LangueForm) =>
  new FormGroup({ langue: texteControl(value?.langue), niveau: choixControl<NiveauLangue>(value?.niveau ?? null) });

/** The cursus section: initial training, diplomas, experiences and languages. */
@Component({
  selector: 'app-cursus-section',
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
  templateUrl: './cursus-section.html',
  styleUrl: '../section-editing/dossier-section.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CursusSection {
  readonly dossier = input.required<DossierDto>();
  /** Whether the user may change this section. */
  readonly editable = input(false);

  protected readonly editor = inject(SectionEditor);
  protected readonly title = SECTION_DOSSIER_LABELS.cursus;
  protected readonly niveaux = choix(NIVEAUX_FORMATION, NIVEAU_FORMATION_LABELS);
  protected readonly niveauxLangue = choix(NIVEAUX_LANGUE, NIVEAU_LANGUE_LABELS);
  protected readonly errorMessage = errorMessage;
  protected readonly form = new FormGroup({
    niveauFormation: choixControl<NiveauFormation>(),
    derniereClasse: texteControl(),
    dateSortieFormationInitiale: texteControl(),
    diplomes: new FormArray<ReturnType<typeof diplomeGroup>>([]),
    experiences: new FormArray<ReturnType<typeof experienceGroup>>([]),
    langues: new FormArray<ReturnType<typeof langueGroup>>([]),
  });
  protected readonly entries = computed(() => entries(fromDossier(this.dossier())));

  constructor() {
    this.editor.attach<CursusForm>({
      section: 'cursus',
      form: this.form,
      fromDossier,
      value: () => this.form.getRawValue(),
      reset: (value) => {
        const { diplomes, experiences, langues } = this.form.controls;
        diplomes.clear();
        experiences.clear();
        langues.clear();
        value.diplomes.forEach((diplome) => diplomes.push(diplomeGroup(diplome)));
        value.experiences.forEach((experience) => experiences.push(experienceGroup(experience)));
        value.langues.forEach((langue) => langues.push(langueGroup(langue)));
        this.form.reset(value);
      },
      toPatch: (value) =>
        parseSection(
          cursusSchema,
          {
            niveauFormation: value.niveauFormation,
            derniereClasse: vide(value.derniereClasse),
            dateSortieFormationInitiale: vide(value.dateSortieFormationInitiale),
            diplomes: value.diplomes.map((diplome) => ({
              intitule: diplome.intitule,
              niveau: diplome.niveau,
              dateObtention: vide(diplome.dateObtention),
            })),
            experiences: value.experiences.map((experience) => ({
              intitule: experience.intitule,
              romeCode: vide(experience.romeCode),
              employeur: vide(experience.employeur),
              dateDebut: vide(experience.dateDebut),
              dateFin: vide(experience.dateFin),
            })),
            langues: value.langues,
          },
          (cursus) => ({ cursus }),
        ),
      describe: (value) => entries(value),
    });
  }

  protected addDiplome(): void {
    this.form.controls.diplomes.push(diplomeGroup());
  }

  protected addExperience(): void {
    this.form.controls.experiences.push(experienceGroup());
  }

  protected addLangue(): void {
    this.form.controls.langues.push(langueGroup());
  }

  protected remove(list: 'diplomes' | 'experiences' | 'langues', index: number): void {
    this.form.controls[list].removeAt(index);
  }
}
