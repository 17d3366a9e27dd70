import { afterNextRender, ChangeDetectionStrategy, Component, computed, effect, ElementRef, inject, Injector, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import {
  type OffreInterneDto,
  THEME_LABELS,
  type TypeEvenementCreation,
  TYPE_OFFRE_INTERNE_LABELS,
} from '@imilo/domain';
import { UiEmptyState, UiErrorMessage, UiIcon } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { authFeature } from '../../auth/auth.feature';
import { OffreForm, type OffreFormValue } from './offre-form';
import { ReferentielsPageActions } from './referentiels.actions';
import { referentielsFeature } from './referentiels.feature';
import { TypeForm } from './type-form';

/**
 * The referentials of the suivi a Mission Locale extends (#4): its own types of événement beside the national ones,
 * and its internal offre de service (add, change, withdraw or bring back an offre). Additions go to the
 * administrator's principal Mission Locale, as the BFF does.
 */
@Component({
  selector: 'app-referentiels',
  imports: [MatButton, UiEmptyState, UiErrorMessage, UiIcon, TypeForm, OffreForm],
  templateUrl: './referentiels.html',
  styleUrl: './referentiels.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Referentiels {
  private readonly store = inject(Store);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly typesStatus = this.store.selectSignal(referentielsFeature.selectTypesStatus);
  protected readonly typesError = this.store.selectSignal(referentielsFeature.selectTypesError);
  protected readonly typesNationaux = this.store.selectSignal(referentielsFeature.selectTypesNationaux);
  protected readonly typesPropres = this.store.selectSignal(referentielsFeature.selectTypesPropres);
  protected readonly offresStatus = this.store.selectSignal(referentielsFeature.selectOffresStatus);
  protected readonly offresError = this.store.selectSignal(referentielsFeature.selectOffresError);
  protected readonly offres = this.store.selectSignal(referentielsFeature.selectOffres);
  protected readonly write = this.store.selectSignal(referentielsFeature.selectWrite);
  protected readonly pending = this.store.selectSignal(referentielsFeature.selectWritePending);
  private readonly me = this.store.selectSignal(authFeature.selectMe);

  /** The Mission Locale additions go to: the administrator's principal one. */
  protected readonly missionLocale = computed(() => {
    const missionsLocales = this.me()?.missionsLocales ?? [];
    return (missionsLocales.find(({ principale }) => principale) ?? missionsLocales[0])?.nom ?? null;
  });

  protected readonly addingType = signal(false);
  protected readonly addingOffre = signal(false);
  /** The offre whose form is open. */
  protected readonly editedOffre = signal<string | null>(null);

  /** The outcome of a write, where it shows. */
  protected readonly typeFailure = computed(() => this.failureOf('type'));
  protected readonly offreCreationFailure = computed(() => this.failureOf('offre-creation'));
  protected readonly typeConfirmation = computed(() => (this.write()?.kind === 'type' ? this.write()?.confirmation ?? null : null));
  protected readonly offreConfirmation = computed(() => {
    const write = this.write();
    return write !== null && write.kind !== 'type' ? write.confirmation : null;
  });

  protected readonly themeLabels = THEME_LABELS;
  protected readonly typeLabels = TYPE_OFFRE_INTERNE_LABELS;

  constructor() {
    this.store.dispatch(ReferentielsPageActions.opened());
    // Once written, the form closes and the focus goes back to the button that opened it.
    effect(() => {
      const write = this.write();
      if (write?.status !== 'done') {
        return;
      }
      switch (write.kind) {
        case 'type':
          this.addingType.set(false);
          this.focus('[data-focus="ajouter-type"]');
          break;
        case 'offre-creation':
          this.addingOffre.set(false);
          this.focus(`[data-focus="modifier-${write.offreId}"]`);
          break;
        case 'offre-modification':
          this.editedOffre.set(null);
          this.focus(`[data-focus="modifier-${write.offreId}"]`);
          break;
        case 'offre-activation':
          break;
      }
    });
  }

  protected retryTypes(): void {
    this.store.dispatch(ReferentielsPageActions.typesRetried());
  }

  protected retryOffres(): void {
    this.store.dispatch(ReferentielsPageActions.offresRetried());
  }

  protected openTypeForm(): void {
    this.store.dispatch(ReferentielsPageActions.writeDismissed());
    this.addingType.set(true);
  }

  protected closeTypeForm(): void {
    this.store.dispatch(ReferentielsPageActions.writeDismissed());
    this.addingType.set(false);
    this.focus('[data-focus="ajouter-type"]');
  }

  protected createType(typeEvenement: TypeEvenementCreation): void {
    this.store.dispatch(ReferentielsPageActions.typeSubmitted({ typeEvenement }));
  }

  protected openOffreForm(): void {
    this.store.dispatch(ReferentielsPageActions.writeDismissed());
    this.editedOffre.set(null);
    this.addingOffre.set(true);
  }

  protected closeOffreForm(): void {
    this.store.dispatch(ReferentielsPageActions.writeDismissed());
    this.addingOffre.set(false);
    this.focus('[data-focus="ajouter-offre"]');
  }

  protected editOffre(offre: OffreInterneDto): void {
    this.store.dispatch(ReferentielsPageActions.writeDismissed());
    this.addingOffre.set(false);
    this.editedOffre.set(offre.id);
  }

  protected closeEdition(offre: OffreInterneDto): void {
    this.store.dispatch(ReferentielsPageActions.writeDismissed());
    this.editedOffre.set(null);
    this.focus(`[data-focus="modifier-${offre.id}"]`);
  }

  protected saveOffre(value: OffreFormValue, offre: OffreInterneDto | null): void {
    if (value.kind === 'creation') {
      this.store.dispatch(ReferentielsPageActions.offreSubmitted({ offre: value.offre }));
    } else if (offre !== null) {
      this.store.dispatch(ReferentielsPageActions.offreEdited({ offre, patch: value.patch }));
    }
  }

  protected toggleActive(offre: OffreInterneDto): void {
    this.store.dispatch(ReferentielsPageActions.offreActiveToggled({ offre, actif: !offre.actif }));
  }

  /** The failure of a write on this offre (its change or its activity). */
  protected offreFailure(offre: OffreInterneDto, kind: 'offre-modification' | 'offre-activation') {
    const write = this.write();
    return write?.offreId === offre.id ? this.failureOf(kind) : null;
  }

  private failureOf(kind: 'type' | 'offre-creation' | 'offre-modification' | 'offre-activation') {
    const write = this.write();
    return write?.kind === kind && write.status === 'failed' ? write.failure : null;
  }

  private focus(selector: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(selector)?.focus(), { injector: this.injector });
  }
}
