import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  ActionDto,
  EvenementDto,
  OffreInterneDto,
  PropositionDto,
  SiteDto,
  Theme,
  TimelineKind,
  TimelinePageDto,
  TypeEvenementDto,
} from '@imilo/domain';
import type { Observable } from 'rxjs';

/** What the timeline asks for: its filters (absent: all) and the page after `cursor`. */
export interface TimelineRequest {
  readonly cursor?: string;
  readonly limit?: number;
  /** Kinds listed; all when absent or empty. */
  readonly kinds?: readonly TimelineKind[];
  readonly theme?: Theme;
  /** A type of événement's code: lists the événements of that type only. */
  readonly typeEvenement?: string;
}

const jeuneUrl = (jeuneId: string): string => `/api/v1/jeunes/${encodeURIComponent(jeuneId)}`;

/** The BFF's reads of the Suivi univers: a dossier's parcours, and the referentials its forms use. */
@Injectable({ providedIn: 'root' })
export class EvenementsApi {
  private readonly http = inject(HttpClient);

  actions(jeuneId: string): Observable<ActionDto[]> {
    return this.http.get<ActionDto[]>(`${jeuneUrl(jeuneId)}/actions`);
  }

  evenement(id: string): Observable<EvenementDto> {
    return this.http.get<EvenementDto>(`/api/v1/evenements/${encodeURIComponent(id)}`);
  }

  evenements(jeuneId: string): Observable<EvenementDto[]> {
    return this.http.get<EvenementDto[]>(`${jeuneUrl(jeuneId)}/evenements`);
  }

  /** The Mission Locale's active internal offres. */
  offresInternes(): Observable<OffreInterneDto[]> {
    return this.http.get<OffreInterneDto[]>('/api/v1/offres-internes');
  }

  propositions(jeuneId: string): Observable<PropositionDto[]> {
    return this.http.get<PropositionDto[]>(`${jeuneUrl(jeuneId)}/propositions`);
  }

  /** The sites of the user's Missions Locales, by name: where an événement on site took place. */
  sites(): Observable<SiteDto[]> {
    return this.http.get<SiteDto[]>('/api/v1/sites');
  }

  /** One page of a dossier's timeline, newest first. */
  timeline(jeuneId: string, request: TimelineRequest = {}): Observable<TimelinePageDto> {
    let params = new HttpParams();
    if (request.cursor !== undefined) {
      params = params.set('cursor', request.cursor);
    }
    if (request.limit !== undefined) {
      params = params.set('limit', request.limit);
    }
    if (request.kinds !== undefined && request.kinds.length > 0) {
      params = params.set('kinds', request.kinds.join(','));
    }
    if (request.theme !== undefined) {
      params = params.set('theme', request.theme);
    }
    if (request.typeEvenement !== undefined) {
      params = params.set('typeEvenement', request.typeEvenement);
    }
    return this.http.get<TimelinePageDto>(`${jeuneUrl(jeuneId)}/timeline`, { params });
  }

  /** The national types of événement and the Mission Locale's own. */
  typesEvenement(): Observable<TypeEvenementDto[]> {
    return this.http.get<TypeEvenementDto[]>('/api/v1/types-evenement');
  }
}
