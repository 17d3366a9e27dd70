import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import type { MeSessionDto } from '@imilo/domain';
import { UiEmptyState, UiErrorMessage, UiIcon } from '@imilo/ui';
import { Store } from '@ngrx/store';
import { type Observable } from 'rxjs';
import { toRequestFailure } from '../../../core/http/problem';
import { formatJour } from '../../dossiers/dossier/dossier-format';
import { CmiloApi } from '../cmilo-api';
import { creneau, selectFuseauJeune } from '../cmilo-format';
import { MesRendezVousStore } from '../rendez-vous/mes-rendez-vous.store';

/** One session as the page shows it. */
interface SessionVm {
  readonly session: MeSessionDto;
  readonly quand: string;
  readonly limite: string;
  /** Registered or on the waiting list: the session is among the jeune's upcoming rendez-vous. */
  readonly inscrit: boolean;
  readonly complet: boolean;
}

/**
 * `/c-milo/sessions`: the collective sessions open to the jeune's own registration ("M'inscrire", "Me désinscrire"),
 * with where, when and what to bring.
 */
@Component({
  selector: 'app-sessions-ouvertes',
  imports: [MatButton, MatProgressBar, UiEmptyState, UiErrorMessage, UiIcon],
  templateUrl: './sessions-ouvertes.html',
  styleUrls: ['../cmilo-page.scss', './sessions-ouvertes.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionsOuvertes {
  private readonly api = inject(CmiloApi);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly mesRendezVous = inject(MesRendezVousStore);
  private readonly fuseau = inject(Store).selectSignal(selectFuseauJeune);

  protected readonly sessions = signal<readonly MeSessionDto[] | null>(null);
  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly vms = computed<SessionVm[]>(() => {
    const mesSessions = new Set(
      (this.mesRendezVous.list()?.aVenir ?? []).filter(({ kind, statut }) => kind === 'session' && statut !== 'ANNULE').map(({ id }) => id),
    );
    const timeZone = this.mesRendezVous.list()?.timezone ?? this.fuseau();
    return (this.sessions() ?? []).map((session) => ({
      session,
      quand: creneau(session.debut, session.fin, timeZone),
      limite: formatJour(session.dateLimiteInscription),
      inscrit: mesSessions.has(session.id),
      complet: session.placesLibres <= 0,
    }));
  });

  constructor() {
    this.mesRendezVous.load();
    this.load();
  }

  protected load(): void {
    this.loading.set(true);
    this.error.set(null);
    this.api.sessions().subscribe({
      next: (sessions) => {
        this.sessions.set(sessions);
        this.loading.set(false);
      },
      error: (error: unknown) => {
        this.error.set(toRequestFailure(error).message);
        this.loading.set(false);
      },
    });
  }

  protected inscrire(session: MeSessionDto): void {
    this.write(session, this.api.inscrire(session.id), `Vous êtes inscrit(e) à « ${session.titre} ».`);
  }

  protected desinscrire(session: MeSessionDto): void {
    this.write(session, this.api.desinscrire(session.id), `Vous êtes désinscrit(e) de « ${session.titre} ».`);
  }

  private write(session: MeSessionDto, request: Observable<unknown>, annonce: string): void {
    this.busy.set(session.id);
    this.error.set(null);
    request.subscribe({
      next: () => {
        this.busy.set(null);
        void this.announcer.announce(annonce);
        // Seats and the jeune's rendez-vous both changed.
        this.mesRendezVous.load(true);
        this.load();
      },
      error: (error: unknown) => {
        this.busy.set(null);
        this.error.set(toRequestFailure(error).message);
      },
    });
  }
}
