import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { type MeRendezVousDto, texte } from '@imilo/domain';
import { UiErrorMessage } from '@imilo/ui';
import { errorMessage, zodValidator } from '../../../core/forms/zod-validator';
import { MesRendezVousStore } from './mes-rendez-vous.store';

/** The longest reason the BFF keeps (reponseJeuneSchema's motif). */
const MOTIF_MAX = 300;
const motifSchema = texte("Le motif d'annulation", MOTIF_MAX);

/**
 * The jeune's answer to an upcoming rendez-vous: "Je confirme" in one tap, or "Annuler ce rendez-vous" with a reason
 * (required, so that the conseiller knows why and can offer another date).
 */
@Component({
  selector: 'app-rendez-vous-reponse',
  imports: [ReactiveFormsModule, MatButton, MatFormFieldModule, MatInput, UiErrorMessage],
  templateUrl: './rendez-vous-reponse.html',
  styleUrl: './rendez-vous-reponse.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RendezVousReponse {
  readonly rendezVous = input.required<MeRendezVousDto>();

  private readonly store = inject(MesRendezVousStore);

  protected readonly motifMax = MOTIF_MAX;
  protected readonly annulation = signal(false);
  protected readonly motif = new FormControl('', { nonNullable: true, validators: zodValidator(motifSchema) });
  protected readonly form = new FormGroup({ motif: this.motif });
  protected readonly sending = computed(() => this.store.isSending(this.rendezVous().id));
  protected readonly error = computed(() => this.store.reponseErrors()[this.rendezVous().id] ?? null);
  protected readonly confirme = computed(() => this.rendezVous().reponse === 'CONFIRME');

  protected confirmer(): void {
    this.store.repondre(this.rendezVous().id, { reponse: 'CONFIRME' });
  }

  protected ouvrirAnnulation(): void {
    this.annulation.set(true);
  }

  protected revenir(): void {
    this.annulation.set(false);
    this.motif.reset();
  }

  protected motifMessage(): string | null {
    return errorMessage(this.motif);
  }

  // Once cancelled, the rendez-vous is no longer PLANIFIE: its page and lists remove this component.
  protected annuler(): void {
    if (this.motif.invalid) {
      this.motif.markAsTouched();
      return;
    }
    this.store.repondre(this.rendezVous().id, { reponse: 'ANNULE', motif: this.motif.value.trim() });
  }
}
