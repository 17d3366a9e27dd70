import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormControl } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatRadioModule } from '@angular/material/radio';
import {
  CAPABILITIES,
  can,
  emargementSchema,
  type InscriptionDto,
  type JeuneResume,
  type SessionDetailDto,
  STATUT_PRESENCE_LABELS,
  STATUTS_PRESENCE,
  type StatutPresence,
} from '@imilo/domain';
import { UiErrorMessage } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { firstValueFrom, type Observable } from 'rxjs';
import { toRequestFailure } from '../../../core/http/problem';
import { authFeature } from '../../auth/auth.feature';
import { AgendaApi } from '../agenda-api';
import { heureFr, jourDans, libelleJour } from '../agenda-time';
import { JeunePicker } from '../jeune-picker/jeune-picker';

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

/** "1er", "2e": a rank on the waiting list. */
const rang = (n: number): string => (n === 1 ? '1er' : `${n}e`);

/** What the conseiller is told once a jeune is registered: a seat, or the waiting list when the session is full. */
const inscriptionMessage = (inscription: InscriptionDto): string => {
  const nom = `${inscription.jeune.prenom} ${inscription.jeune.nom}`;
  return inscription.statut === 'ATTENTE'
    ? `Session complète : ${nom} est en liste d'attente${inscription.rangAttente === null ? '' : ` (${rang(inscription.rangAttente)})`}.`
    : `${nom} est inscrit à la session.`;
};

/**
 * A collective session (#5): seats, registrations (register a jeune, unregister one, until the session starts), waiting
 * list, and the émargement (présent / absent / excusé for each registered jeune) once it has started. Closes with
 * `true` once something changed (the agenda's counts reload).
 */
@Component({
  selector: 'app-session-panel',
  imports: [MatButton, MatDialogModule, MatRadioModule, UiErrorMessage, JeunePicker],
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
              @if (inscriptible()) {
                <button
                  mat-button
                  type="button"
                  class="session-action"
                  [attr.aria-label]="'Désinscrire ' + inscription.nom"
                  [disabled]="saving()"
                  (click)="desinscrire(inscription.jeuneId)"
                >
                  Désinscrire
                </button>
              }
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
        @if (inscriptible()) {
          <form class="session-inscrire" (submit)="$event.preventDefault(); inscrire()">
            <app-jeune-picker class="session-picker" [control]="jeune" label="Jeune à inscrire" />
            <button mat-flat-button type="submit" class="session-action" [disabled]="saving()">Inscrire</button>
          </form>
        }
      } @else if (!error()) {
        <p role="status">Chargement…</p>
      }
      @if (info(); as message) {
        <p class="session-info">{{ message }}</p>
      }
      @if (error(); as message) {
        <ui-error-message [message]="message" />
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="changed()">Fermer</button>
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
    .session-action { min-height: 44px; min-width: 44px; }
    .session-inscrire { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 8px; }
    .session-picker { flex: 1 1 240px; }
    .session-info { margin: 0; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionPanel {
  private readonly data = inject<SessionPanelData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<SessionPanel, boolean>>(MatDialogRef);
  private readonly api = inject(AgendaApi);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly me = inject(Store).selectSignal(authFeature.selectMe);
  private readonly roles = computed(() => this.me()?.roles ?? []);
  protected readonly session = signal<SessionDetailDto | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly info = signal<string | null>(null);
  /** Whether a registration changed: the agenda reloads its counts on closing. */
  protected readonly changed = signal(false);
  protected readonly jeune = new FormControl<JeuneResume | null>(null);
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
  /** Before it starts (the BFF refuses afterwards), by whoever plans in their own agenda or a colleague's. */
  protected readonly inscriptible = computed(
    () => this.session()?.statut === 'A_VENIR' && (can(this.roles(), CAPABILITIES.agendaMine) || can(this.roles(), CAPABILITIES.agendaBookForColleague)),
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

  protected async inscrire(): Promise<void> {
    const jeune = this.jeune.value;
    if (jeune === null) {
      this.jeune.setErrors({ invalid: 'Choisissez le jeune à inscrire.' });
      this.jeune.markAsTouched();
      return;
    }
    const inscription = await this.write(this.api.inscrire(this.data.sessionId, jeune.id));
    if (inscription !== null) {
      this.jeune.reset(null);
      this.tell(inscriptionMessage(inscription.value));
    }
  }

  protected async desinscrire(jeuneId: string): Promise<void> {
    const nom = this.inscriptions().find((inscription) => inscription.jeuneId === jeuneId)?.nom ?? '';
    if ((await this.write(this.api.desinscrire(this.data.sessionId, jeuneId))) !== null) {
      this.tell(`${nom} est désinscrit de la session.`);
    }
  }

  private tell(message: string): void {
    this.info.set(message);
    void this.announcer.announce(message);
  }

  /** A registration write, then the session read again (seats, waiting list); null when refused (the BFF's message shows). */
  private async write<T>(request: Observable<T>): Promise<{ readonly value: T } | null> {
    this.saving.set(true);
    this.error.set(null);
    this.info.set(null);
    try {
      const value = await firstValueFrom(request, { defaultValue: undefined as T });
      this.changed.set(true);
      await this.load();
      return { value };
    } catch (error: unknown) {
      this.error.set(toRequestFailure(error).message);
      return null;
    } finally {
      this.saving.set(false);
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
