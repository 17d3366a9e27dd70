import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  OffreInterneCreation,
  OffreInterneDto,
  OffreInternePatch,
  TypeEvenementCreation,
  TypeEvenementDto,
} from '@imilo/domain';
import type { Observable } from 'rxjs';

/** The BFF's referentials of the suivi, as the Mission Locale's administrator manages them. */
@Injectable({ providedIn: 'root' })
export class ReferentielsApi {
  private readonly http = inject(HttpClient);

  /** The national types of événement and those of the administrator's Missions Locales. */
  typesEvenement(): Observable<TypeEvenementDto[]> {
    return this.http.get<TypeEvenementDto[]>('/api/v1/types-evenement');
  }

  /** Adds a type to the administrator's principal Mission Locale. */
  createType(type: TypeEvenementCreation): Observable<TypeEvenementDto> {
    return this.http.post<TypeEvenementDto>('/api/v1/types-evenement', type);
  }

  /** The whole internal offre de service, inactive offres included. */
  offresInternes(): Observable<OffreInterneDto[]> {
    return this.http.get<OffreInterneDto[]>('/api/v1/offres-internes', { params: new HttpParams().set('toutes', 'true') });
  }

  /** Adds an offre to the administrator's principal Mission Locale. */
  createOffre(offre: OffreInterneCreation): Observable<OffreInterneDto> {
    return this.http.post<OffreInterneDto>('/api/v1/offres-internes', offre);
  }

  /** Replaces an offre's libellé, thème, type and activity (its code stays). */
  updateOffre(id: string, patch: OffreInternePatch): Observable<OffreInterneDto> {
    return this.http.patch<OffreInterneDto>(`/api/v1/offres-internes/${encodeURIComponent(id)}`, patch);
  }
}
