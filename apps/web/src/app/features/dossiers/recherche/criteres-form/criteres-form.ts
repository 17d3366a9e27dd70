import { ChangeDetectionStrategy, Component, computed, effect, input, output } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, type ValidatorFn } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  AGE_LIMITS,
  CATEGORIE_SITUATION_LABELS,
  CATEGORIES_SITUATION,
  criteresRechercheSchema,
  ETAT_SITUATION_LABELS,
  ETATS_SITUATION,
  jeuneCriteresShape,
  NIVEAU_COMPLETUDE_LABELS,
  NIVEAU_FORMATION_LABELS,
  NIVEAUX_COMPLETUDE,
  NIVEAUX_FORMATION,
  type ProblemFieldError,
} from '@imilo/domain';
import { applyFieldErrors, errorMessage, zodValidator } from '../../../../core/forms/zod-validator';
import { CommuneField, communeEnSaisie } from '../../communes/commune-field';
import { cleanCriteres, CRITERE_KEYS, type CritereKey, type Criteres } from '../recherche-url';

// A blank field is no criterion; anything typed is checked with the domain's schema and its French message.
const optionalCritere = (key: CritereKey): ValidatorFn => {
  const validator = zodValidator(jeuneCriteresShape[key]);
  return (control) => (control.value === '' ? null : validator(control));
};

const control = (key: CritereKey, initial = '') =>
  new FormControl(initial, { nonNullable: true, validators: optionalCritere(key) });

const HISTORIC_NIVEAUX = new Set<string>(['VI', 'V_BIS', 'V']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The criteria of the dossier search; applied together, validated with the domain schema. */
@Component({
  selector: 'app-criteres-form',
  imports: [ReactiveFormsModule, CommuneField, MatButton, MatFormFieldModule, MatInputModule, MatSelectModule],
  templateUrl: './criteres-form.html',
  styleUrl: './criteres-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CriteresForm {
  /** The criteria in force (from the URL). */
  readonly criteres = input<Criteres>({});
  /** What is wrong with the criteria in force, to show on the fields. */
  readonly erreurs = input<readonly ProblemFieldError[]>([]);
  /** The criteria to apply, blanks and defaults left out. */
  readonly applied = output<Criteres>();

  protected readonly form = new FormGroup({
    ageMin: control('ageMin'),
    ageMax: control('ageMax'),
    sexe: control('sexe'),
    niveau: control('niveau'),
    situationCategorie: control('situationCategorie'),
    situationEtat: control('situationEtat'),
    communeInsee: control('communeInsee'),
    departement: control('departement'),
    qpv: control('qpv'),
    referent: control('referent'),
    completude: control('completude'),
    contactDepuis: control('contactDepuis'),
    contactAvant: control('contactAvant'),
    statut: control('statut', 'actif'),
  } satisfies Record<CritereKey, FormControl<string>>);

  protected readonly errorMessage = errorMessage;
  protected readonly ageLimits = AGE_LIMITS;
  protected readonly niveaux2019 = NIVEAUX_FORMATION.filter((niveau) => !HISTORIC_NIVEAUX.has(niveau));
  protected readonly niveauxHistoriques = NIVEAUX_FORMATION.filter((niveau) => HISTORIC_NIVEAUX.has(niveau));
  protected readonly niveauLabels = NIVEAU_FORMATION_LABELS;
  protected readonly categories = CATEGORIES_SITUATION;
  protected readonly categorieLabels = CATEGORIE_SITUATION_LABELS;
  protected readonly etats = ETATS_SITUATION;
  protected readonly etatLabels = ETAT_SITUATION_LABELS;
  protected readonly completudes = NIVEAUX_COMPLETUDE;
  protected readonly completudeLabels = NIVEAU_COMPLETUDE_LABELS;
  /** A référent chosen elsewhere (a shared link, a saved search) has no option of its own: keep it selectable. */
  protected readonly referentChoisi = computed(() => {
    const referent = this.criteres().referent ?? '';
    return UUID.test(referent) ? referent : null;
  });

  constructor() {
    effect(() => {
      const criteres = this.criteres();
      this.form.reset({ ...Object.fromEntries(CRITERE_KEYS.map((key) => [key, ''])), statut: 'actif', ...criteres });
      applyFieldErrors(this.form, this.erreurs());
    });
  }

  protected applyCriteres(): void {
    // A commune typed but not chosen in the list is no criterion yet: applying would search without it.
    if (communeEnSaisie(this.form.controls.communeInsee)) {
      this.form.markAllAsTouched();
      return;
    }
    const criteres = cleanCriteres(this.form.getRawValue());
    const result = criteresRechercheSchema.safeParse(criteres);
    if (!result.success) {
      applyFieldErrors(
        this.form,
        result.error.issues.map((issue) => ({ path: String(issue.path[0] ?? ''), message: issue.message })),
      );
      this.form.markAllAsTouched();
      return;
    }
    this.applied.emit(criteres);
  }

  protected clearCriteres(): void {
    this.applied.emit({});
  }
}
