import { Clipboard } from '@angular/cdk/clipboard';
import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatDialogModule } from '@angular/material/dialog';
import type { FluxCalendrierDto } from '@imilo/domain';
import { UiErrorMessage, UiIcon } from '@imilo/ui';
import { firstValueFrom } from 'rxjs';
import { toRequestFailure } from '../../../core/http/problem';
import { AgendaApi } from '../agenda-api';
import { libelleDate } from '../agenda-time';

type FluxState = { readonly status: 'loading' } | { readonly status: 'loaded'; readonly flux: FluxCalendrierDto } | { readonly status: 'failed'; readonly message: string };

/**
 * The calendar feed settings (#5): a secret URL to subscribe to from another calendar, shown once when created (with a
 * copy button), revocable; initials by default, names if chosen.
 */
@Component({
  selector: 'app-flux-calendrier',
  imports: [ReactiveFormsModule, MatButton, MatCheckbox, MatDialogModule, UiErrorMessage, UiIcon],
  template: `
    <h2 mat-dialog-title>Flux calendrier</h2>
    <mat-dialog-content class="flux">
      <p>Abonnez votre agenda (Outlook, Google, téléphone) à vos rendez-vous imilo grâce à un lien secret. Ne le partagez pas.</p>
      @switch (state().status) {
        @case ('loading') {
          <p role="status">Chargement…</p>
        }
        @case ('failed') {
          <ui-error-message [message]="failure()" />
        }
        @default {
          @if (url(); as url) {
            <p role="status">Votre lien est créé. Copiez-le maintenant : il ne sera plus affiché.</p>
            <p class="flux-url"><code>{{ url }}</code></p>
            <button mat-flat-button type="button" (click)="copy(url)"><ui-icon name="content_copy" /> Copier le lien</button>
          } @else if (actif()) {
            <p>Un lien est actif depuis le {{ creeLe() }}{{ afficherNoms() ? ', avec les noms des jeunes' : ', avec leurs initiales' }}.</p>
          } @else {
            <p>Aucun lien actif.</p>
          }
          <mat-checkbox [formControl]="noms">Afficher les noms des jeunes au lieu des initiales</mat-checkbox>
          <div class="flux-actions">
            <button mat-flat-button type="button" [disabled]="busy()" (click)="create()">{{ actif() ? 'Créer un nouveau lien' : 'Créer le lien' }}</button>
            @if (actif()) {
              <button mat-stroked-button type="button" [disabled]="busy()" (click)="revoke()"><ui-icon name="block" /> Révoquer le lien</button>
            }
          </div>
          @if (actif()) {
            <p class="flux-hint">Un nouveau lien remplace l'ancien, qui cesse de fonctionner.</p>
          }
          @if (error(); as message) {
            <ui-error-message [message]="message" />
          }
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Fermer</button>
    </mat-dialog-actions>
  `,
  styles: `
    .flux { display: flex; flex-direction: column; gap: 12px; }
    .flux-url { overflow-wrap: anywhere; padding: 8px; border-radius: 8px; background: var(--mat-sys-surface-container-high); }
    .flux-actions { display: flex; flex-wrap: wrap; gap: 8px; }
    .flux-actions button { min-height: 44px; }
    .flux-hint { font: var(--mat-sys-body-small); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FluxCalendrier {
  private readonly api = inject(AgendaApi);
  private readonly clipboard = inject(Clipboard);
  private readonly announcer = inject(LiveAnnouncer);
  protected readonly state = signal<FluxState>({ status: 'loading' });
  protected readonly noms = new FormControl(false, { nonNullable: true });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** The secret URL, only right after its creation. */
  protected readonly url = signal<string | null>(null);
  protected readonly actif = signal(false);
  protected readonly afficherNoms = signal(false);
  protected readonly creeLe = signal('');
  protected readonly failure = signal('');

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.show(await firstValueFrom(this.api.flux()));
    } catch (error: unknown) {
      this.failure.set(toRequestFailure(error).message);
      this.state.set({ status: 'failed', message: this.failure() });
    }
  }

  private show(flux: FluxCalendrierDto): void {
    this.state.set({ status: 'loaded', flux });
    this.actif.set(flux.actif);
    this.afficherNoms.set(flux.afficherNoms);
    this.noms.setValue(flux.afficherNoms);
    this.creeLe.set(flux.creeLe === null ? '' : libelleDate(flux.creeLe.slice(0, 10)));
    this.url.set(flux.url);
  }

  protected async create(): Promise<void> {
    await this.run(async () => this.show(await firstValueFrom(this.api.creerFlux(this.noms.value))));
  }

  protected async revoke(): Promise<void> {
    await this.run(async () => {
      await firstValueFrom(this.api.revoquerFlux());
      this.actif.set(false);
      this.url.set(null);
      this.announcer.announce('Le lien est révoqué : il ne fonctionne plus.');
    });
  }

  protected copy(url: string): void {
    this.announcer.announce(this.clipboard.copy(url) ? 'Lien copié.' : 'Copie impossible : sélectionnez le lien pour le copier.');
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await work();
    } catch (error: unknown) {
      this.error.set(toRequestFailure(error).message);
    } finally {
      this.busy.set(false);
    }
  }
}
