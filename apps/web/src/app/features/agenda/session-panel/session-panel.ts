import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatRadioModule } from '@angular/material/radio';
import { emargementSchema, type SessionDetailDto, STATUT_PRESENCE_LABELS, STATUTS_PRESENCE, type StatutPresence } from '@imilo/domain';
import { UiErrorMessage } from '@imilo/ui';
import { firstValueFrom } from 'rxjs';
import { toRequestFailure } from '../../../core/http/problem';
import { AgendaApi } from '../agenda-api';
import { heureFr, jourDans, libelleJour } from '../agenda-time';

export interface SessionPanelData {
  readonly sessionId: string;
  readonly timeZone: string;
  readonly peutEmarger: boolean;
}

const STATUTS_INSCRIPTION_LABELS: Readonly<Record<string, string>> = {
  INSCRIT: 'Inscrit',
  ATTENTE: "Liste d'attente",
  DESINSCRIT: 'Désinscrit',
  ...STATUT_PRESENCE_LABELS,
};

/**
 * A collective session (#5): seats, registrations, waiting list, and the émargement (présent / absent / excusé for each
 * registered jeune) once it has started. Closes with `true` after an émargement.
 */
@Component({
  selector: 'app-session-panel',
  imports: [MatButton, MatDialogModule, MatRadioModule, UiErrorMessage],
  template: `
    <h2 mat-dialog-title>{{ session()?.titre ?? 'Session collective' }}</h2>
    <mat-dialog-content class="session">
      @if (session(); as session) {
        <p>{{ quand() }} · {{ session.offre.libelle }}</p>
        <p>{{ session.inscrits }}/{{ session.places }} places · {{ session.enAttente }} en liste d'attente</p>
        <h3 class="session-heading">Inscriptions</h3>
        <ul class="session-list">
          @for (inscription of inscriptions(); track inscription.id) {
            <li class="session-row">
              <span>{{ inscription.nom }} — {{ inscription.statut }}</span>
              @if (emargeable()) {
                <mat-radio-group
                  class="session-presence"
                  [attr.aria-label]="'Présence de ' + inscription.nom"
                  [value]="presences()[inscription.jeuneId] ?? null"
                  (change)="mark(inscription.jeuneId, $event.value)"
                >
                  @for (presence of choix; track presence.code) {
                    <mat-radio-button [value]="presence.code">{{ presence.libelle }}</mat-radio-button>
                  }
                </mat-radio-group>
              }
            </li>
          } @empty {
            <li>Aucune inscription.</li>
          }
        </ul>
      } @else if (!error()) {
        <p role="status">Chargement…</p>
      }
      @if (error(); as message) {
        <ui-error-message [message]="message" />
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Fermer</button>
      @if (emargeable()) {
        <button mat-flat-button type="button" [disabled]="saving()" (click)="emarger()">Enregistrer l'émargement</button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    .session { display: flex; flex-direction: column; gap: 8px; }
    .session-heading { margin: 8px 0 0; font: var(--mat-sys-title-small); }
    .session-list { margin: 0; padding: 0; list-style: none; }
    .session-row { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px; min-height: 48px; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .session-presence { display: flex; flex-wrap: wrap; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionPanel {
  private readonly data = inject<SessionPanelData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<SessionPanel, boolean>>(MatDialogRef);
  private readonly api = inject(AgendaApi);
  protected readonly session = signal<SessionDetailDto | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly presences = signal<Readonly<Partial<Record<string, StatutPresence>>>>({});
  protected readonly choix = STATUTS_PRESENCE.map((code) => ({ code, libelle: STATUT_PRESENCE_LABELS[code] }));
  protected readonly quand = computed(() => {
    const session = this.session();
    if (session === null) {
      return '';
    }
    const debut = new Date(session.debut);
    return `${libelleJour(jourDans(debut, this.data.timeZone))}, ${heureFr(debut, this.data.timeZone)} – ${heureFr(new Date(session.fin), this.data.timeZone)}`;
  });
  /** Registered jeunes and the waiting list; the unregistered are left out. */
  protected readonly inscriptions = computed(() =>
    (this.session()?.inscriptions ?? [])
      .filter(({ statut }) => statut !== 'DESINSCRIT')
      .map((inscription) => ({
        id: inscription.id,
        jeuneId: inscription.jeune.id,
        nom: `${inscription.jeune.prenom} ${inscription.jeune.nom}`,
        statut: inscription.statut === 'ATTENTE' && inscription.rangAttente !== null ? `Liste d'attente (${inscription.rangAttente})` : (STATUTS_INSCRIPTION_LABELS[inscription.statut] ?? inscription.statut),
      })),
  );
  /** Once started and not closed, by whoever may close rendez-vous. */
  protected readonly emargeable = computed(() => this.data.peutEmarger && this.session()?.statut === 'A_CLOTURER');

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.session.set(await firstValueFrom(this.api.session(this.data.sessionId)));
    } catch (error: unknown) {
      this.error.set(toRequestFailure(error).message);
    }
  }

  protected mark(jeuneId: string, presence: StatutPresence): void {
    this.presences.update((presences) => ({ ...presences, [jeuneId]: presence }));
  }

  protected async emarger(): Promise<void> {
    const inscrits = (this.session()?.inscriptions ?? []).filter(({ statut }) => statut !== 'DESINSCRIT' && statut !== 'ATTENTE');
    const missing = inscrits.filter(({ jeune }) => this.presences()[jeune.id] === undefined);
    if (missing.length > 0) {
      this.error.set(`Indiquez la présence de chaque inscrit (${missing.length} restant${missing.length > 1 ? 's' : ''}).`);
      return;
    }
    const parsed = emargementSchema.safeParse({ presences: inscrits.map(({ jeune }) => ({ jeuneId: jeune.id, presence: this.presences()[jeune.id] })) });
    if (!parsed.success) {
      this.error.set(parsed.error.issues[0]?.message ?? 'Émargement invalide.');
      return;
    }
    this.saving.set(true);
    this.error.set(null);
    try {
      await firstValueFrom(this.api.emarger(this.data.sessionId, parsed.data));
      this.dialogRef.close(true);
    } catch (error: unknown) {
      this.error.set(toRequestFailure(error).message);
      this.saving.set(false);
    }
  }
}
