import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  ActionDto,
  MeRendezVousListDto,
  MeSessionDto,
  PreferencesNotification,
  PushSubscriptionCreation,
  PushSubscriptionsDto,
  ReponseJeuneBody,
} from '@imilo/domain';
import type { Observable } from 'rxjs';
import { IDEMPOTENCY_HEADER } from '../../core/offline/outbox';

const ME = '/api/v1/me';
const PUSH = '/api/v1/push/subscriptions';

/** One write, one key: a tap repeated after a lost answer is answered as the first one. */
const idempotent = (): { headers: HttpHeaders } => ({
  headers: new HttpHeaders({ [IDEMPOTENCY_HEADER]: crypto.randomUUID() }),
});

/** C-Milo's calls to the BFF: the jeune's own rendez-vous, sessions, actions, notification preferences and devices. */
@Injectable({ providedIn: 'root' })
export class CmiloApi {
  private readonly http = inject(HttpClient);

  rendezVous(): Observable<MeRendezVousListDto> {
    return this.http.get<MeRendezVousListDto>(`${ME}/rendez-vous`);
  }

  /** Confirms a rendez-vous, or cancels it with a reason. */
  repondre(id: string, body: ReponseJeuneBody): Observable<unknown> {
    return this.http.post(`${ME}/rendez-vous/${encodeURIComponent(id)}/confirmation`, body, idempotent());
  }

  actions(): Observable<ActionDto[]> {
    return this.http.get<ActionDto[]>(`${ME}/actions`);
  }

  /** The sessions open to self-registration. */
  sessions(): Observable<MeSessionDto[]> {
    return this.http.get<MeSessionDto[]>(`${ME}/sessions`);
  }

  inscrire(sessionId: string): Observable<unknown> {
    return this.http.post(`${ME}/sessions/${encodeURIComponent(sessionId)}/inscription`, {}, idempotent());
  }

  desinscrire(sessionId: string): Observable<unknown> {
    return this.http.delete(`${ME}/sessions/${encodeURIComponent(sessionId)}/inscription`, idempotent());
  }

  preferences(): Observable<PreferencesNotification> {
    return this.http.get<PreferencesNotification>(`${ME}/preferences-notification`);
  }

  enregistrerPreferences(preferences: PreferencesNotification): Observable<PreferencesNotification> {
    return this.http.put<PreferencesNotification>(`${ME}/preferences-notification`, preferences, idempotent());
  }

  /** The VAPID public key and the jeune's subscribed devices. */
  pushSubscriptions(): Observable<PushSubscriptionsDto> {
    return this.http.get<PushSubscriptionsDto>(PUSH);
  }

  abonner(subscription: PushSubscriptionCreation): Observable<unknown> {
    return this.http.post(PUSH, subscription, idempotent());
  }

  desabonner(id: string): Observable<unknown> {
    return this.http.delete(`${PUSH}/${encodeURIComponent(id)}`, idempotent());
  }
}
