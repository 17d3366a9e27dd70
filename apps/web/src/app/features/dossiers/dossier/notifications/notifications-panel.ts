import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { HttpClient } from '@angular/common/http';
import { MatButton } from '@angular/material/button';
import {
  type JoignabiliteDto,
  type MessageDto,
  NATURE_MESSAGE_LABELS,
  type NotificationChannel,
  STATUT_MESSAGE_LABELS,
} from '@imilo/domain';
import { UiErrorMessage, UiIcon } from '@imilo/ui';
import { forkJoin } from 'rxjs';
import { toRequestFailure } from '../../../../core/http/problem';
import { formatJourDansFuseau } from '../dossier-format';

const CANAL_LABELS: Readonly<Record<NotificationChannel, string>> = { push: 'Notification', sms: 'SMS', email: 'E-mail' };

const heure = (instant: string, timeZone: string): string => {
  const parts = new Intl.DateTimeFormat('fr-FR', { timeZone, hour: 'numeric', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(instant));
  return `${Number(parts.find(({ type }) => type === 'hour')?.value ?? 0)} h ${parts.find(({ type }) => type === 'minute')?.value ?? '00'}`;
};

/** An instant in the Mission Locale's timezone: "mardi 1 décembre 2026 à 9 h 30". */
const instantDansFuseau = (instant: string, timeZone: string): string =>
  `${formatJourDansFuseau(instant, timeZone)} à ${heure(instant, timeZone)}`;

/** What the panel says about push reachability. */
export const joignabiliteLabel = (joignabilite: JoignabiliteDto, timeZone: string): string =>
  joignabilite.joignable && joignabilite.depuis !== null
    ? `Joignable par notification depuis le ${formatJourDansFuseau(joignabilite.depuis, timeZone)}`
    : 'Non joignable par notification';

/**
 * The dossier's "Notifications": whether the jeune can be reached by push on their phone, and the delivery log of the
 * messages sent to them (each channel tried, its status and, on failure or cancellation, why).
 */
@Component({
  selector: 'app-notifications-panel',
  imports: [MatButton, UiErrorMessage, UiIcon],
  templateUrl: './notifications-panel.html',
  styleUrl: './notifications-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationsPanel {
  readonly jeuneId = input.required<string>();
  /** The Mission Locale's timezone. */
  readonly timeZone = input.required<string>();

  private readonly http = inject(HttpClient);
  private readonly data = signal<{ joignabilite: JoignabiliteDto; messages: MessageDto[] } | null>(null);
  protected readonly error = signal<string | null>(null);

  protected readonly joignabilite = computed(() => {
    const data = this.data();
    return data === null
      ? null
      : {
          joignable: data.joignabilite.joignable,
          label: joignabiliteLabel(data.joignabilite, this.timeZone()),
          appareils: data.joignabilite.appareils,
        };
  });
  protected readonly messages = computed(() =>
    (this.data()?.messages ?? []).map((message) => ({
      id: message.id,
      titre: `${NATURE_MESSAGE_LABELS[message.nature]}${message.rappel === null ? '' : ` ${message.rappel}`}`,
      prevu: `Prévu le ${instantDansFuseau(message.prevuLe, this.timeZone())}`,
      statut: STATUT_MESSAGE_LABELS[message.statut],
      motif: message.motif,
      envois: message.envois.map((envoi) => ({
        canal: CANAL_LABELS[envoi.canal],
        statut: STATUT_MESSAGE_LABELS[envoi.statut],
        motif: envoi.motif,
        le: instantDansFuseau(envoi.acquitteLe ?? envoi.le, this.timeZone()),
        segments: envoi.segments,
      })),
    })),
  );

  constructor() {
    effect(() => {
      const jeuneId = this.jeuneId();
      untracked(() => this.load(jeuneId));
    });
  }

  protected reload(): void {
    this.load(this.jeuneId());
  }

  private load(jeuneId: string): void {
    const url = `/api/v1/jeunes/${encodeURIComponent(jeuneId)}`;
    this.error.set(null);
    forkJoin({
      joignabilite: this.http.get<JoignabiliteDto>(`${url}/joignabilite`),
      messages: this.http.get<MessageDto[]>(`${url}/messages`),
    }).subscribe({
      next: (data) => this.data.set(data),
      error: (error: unknown) => this.error.set(toRequestFailure(error).message),
    });
  }
}
