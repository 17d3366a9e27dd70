import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { DispositionItem, PeriodePortail, PortailDto } from '@imilo/domain';
import type { Observable } from 'rxjs';

const PORTAIL = '/api/v1/portail';

/** What the direction's figures cover: a period, and one site or all. */
export interface PortailFiltre {
  readonly periode: PeriodePortail;
  readonly site: string | null;
}

/**
 * The BFF's Portail routes: one read per home, the layout, and what the widgets change. Each write replaces or
 * records a whole value, so a replay changes nothing: no Idempotency-Key, whose stored answer would keep a copy of the
 * home's personal data on the BFF.
 */
const paramsOf = (filtre: PortailFiltre): HttpParams => {
  const params = new HttpParams().set('periode', filtre.periode);
  return filtre.site === null ? params : params.set('site', filtre.site);
};

@Injectable({ providedIn: 'root' })
export class PortailApi {
  private readonly http = inject(HttpClient);

  portail(filtre: PortailFiltre): Observable<PortailDto> {
    return this.http.get<PortailDto>(PORTAIL, { params: paramsOf(filtre) });
  }

  /** Saves the widgets shown, in order; answers the home as it now is, for the period and site on screen. */
  enregistrerDisposition(widgets: readonly DispositionItem[], filtre: PortailFiltre): Observable<PortailDto> {
    return this.http.put<PortailDto>(`${PORTAIL}/layout`, { widgets }, { params: paramsOf(filtre) });
  }

  /** Back to the role's default layout. */
  retablir(): Observable<void> {
    return this.http.delete<void>(`${PORTAIL}/layout`);
  }

  traiterAlerte(cle: string): Observable<void> {
    return this.http.post<void>(`${PORTAIL}/alertes/traitees`, { cle });
  }

  /** The jeune has seen their notifications. */
  marquerNotificationsLues(): Observable<void> {
    return this.http.post<void>(`${PORTAIL}/notifications/lues`, {});
  }
}
