import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { NotificationsSettings, NotificationsSettingsDto } from '@imilo/domain';
import type { Observable } from 'rxjs';
import { IDEMPOTENCY_HEADER } from '../../../core/offline/outbox';

const url = (missionLocaleId: string) => `/api/v1/missions-locales/${encodeURIComponent(missionLocaleId)}/notifications`;

/** A Mission Locale's notification settings and this month's SMS use (#5). */
@Injectable({ providedIn: 'root' })
export class NotificationsSettingsApi {
  private readonly http = inject(HttpClient);

  read(missionLocaleId: string): Observable<NotificationsSettingsDto> {
    return this.http.get<NotificationsSettingsDto>(url(missionLocaleId));
  }

  /** Carries an idempotency key: a retry after a lost answer is answered as the first attempt. */
  save(missionLocaleId: string, settings: NotificationsSettings): Observable<NotificationsSettingsDto> {
    return this.http.put<NotificationsSettingsDto>(url(missionLocaleId), settings, { headers: { [IDEMPOTENCY_HEADER]: crypto.randomUUID() } });
  }
}
