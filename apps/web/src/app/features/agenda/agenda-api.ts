import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AgendaDto,
  Emargement,
  FluxCalendrierDto,
  InscriptionDto,
  MemoCreation,
  MemoDto,
  MemoPatch,
  RendezVousDetailDto,
  SessionCreation,
  SessionDetailDto,
  SessionDto,
  SiteDto,
} from '@imilo/domain';
import type { Observable } from 'rxjs';
import { IDEMPOTENCY_HEADER } from '../../core/offline/outbox';

/** Whose agenda: mine (the default), a colleague's, or a site's. */
export type AgendaScope =
  | { readonly kind: 'moi' }
  | { readonly kind: 'conseiller'; readonly id: string; readonly nom: string }
  | { readonly kind: 'site'; readonly id: string; readonly nom: string };

/** A colleague whose agenda may be opened, at their site in the Mission Locale shared (`GET /api/v1/agenda/conseillers`). */
export interface ConseillerAgendaDto {
  readonly id: string;
  readonly prenom: string;
  readonly nom: string;
  readonly siteId: string | null;
  readonly siteNom: string | null;
}

/** A range of local days, both included. */
export interface AgendaRange {
  readonly from: string;
  readonly to: string;
}

export const rendezVousUrl = (id?: string): string =>
  id === undefined ? '/api/v1/rendez-vous' : `/api/v1/rendez-vous/${encodeURIComponent(id)}`;

const sessionUrl = (id?: string): string => (id === undefined ? '/api/v1/sessions' : `/api/v1/sessions/${encodeURIComponent(id)}`);

const memoUrl = (id?: string): string => (id === undefined ? '/api/v1/memos' : `/api/v1/memos/${encodeURIComponent(id)}`);

// Writes that do not go through the outbox (mémos, the feed, the émargement) still carry a key: a retry after a lost
// answer is answered as the first attempt.
const once = () => ({ headers: { [IDEMPOTENCY_HEADER]: crypto.randomUUID() } });

/**
 * The BFF's Agenda routes as the conseiller portal reads them. The rendez-vous writes are queued in the outbox
 * (`AgendaWrites`): only their reads are here.
 */
@Injectable({ providedIn: 'root' })
export class AgendaApi {
  private readonly http = inject(HttpClient);

  agenda(range: AgendaRange, scope: AgendaScope): Observable<AgendaDto> {
    let params = new HttpParams().set('from', range.from).set('to', range.to);
    if (scope.kind === 'conseiller') {
      params = params.set('conseiller', scope.id);
    } else if (scope.kind === 'site') {
      params = params.set('site', scope.id);
    }
    return this.http.get<AgendaDto>('/api/v1/agenda', { params });
  }

  /** The colleagues of my Missions Locales who have an agenda, by name (me excepted). */
  conseillers(): Observable<ConseillerAgendaDto[]> {
    return this.http.get<ConseillerAgendaDto[]>('/api/v1/agenda/conseillers');
  }

  rendezVous(id: string): Observable<RendezVousDetailDto> {
    return this.http.get<RendezVousDetailDto>(rendezVousUrl(id));
  }

  /** The sites of the user's Missions Locales (the on-site modalité, the site agendas). */
  sites(): Observable<SiteDto[]> {
    return this.http.get<SiteDto[]>('/api/v1/sites');
  }

  creerMemo(memo: MemoCreation): Observable<MemoDto> {
    return this.http.post<MemoDto>(memoUrl(), memo, once());
  }

  modifierMemo(id: string, memo: MemoPatch): Observable<MemoDto> {
    return this.http.patch<MemoDto>(memoUrl(id), memo, once());
  }

  supprimerMemo(id: string): Observable<void> {
    return this.http.delete<void>(memoUrl(id), once());
  }

  flux(): Observable<FluxCalendrierDto> {
    return this.http.get<FluxCalendrierDto>('/api/v1/ics/flux');
  }

  /** A new secret URL (the old one stops working), shown once in the answer. */
  creerFlux(afficherNoms: boolean): Observable<FluxCalendrierDto> {
    return this.http.post<FluxCalendrierDto>('/api/v1/ics/flux', { afficherNoms }, once());
  }

  revoquerFlux(): Observable<void> {
    return this.http.delete<void>('/api/v1/ics/flux', once());
  }

  session(id: string): Observable<SessionDetailDto> {
    return this.http.get<SessionDetailDto>(sessionUrl(id));
  }

  creerSession(session: SessionCreation): Observable<SessionDto> {
    return this.http.post<SessionDto>(sessionUrl(), session, once());
  }

  /** Registered, or on the waiting list (with its rank) when the session is full. */
  inscrire(sessionId: string, jeuneId: string): Observable<InscriptionDto> {
    return this.http.post<InscriptionDto>(`${sessionUrl(sessionId)}/inscriptions`, { jeuneId }, once());
  }

  desinscrire(sessionId: string, jeuneId: string): Observable<void> {
    return this.http.delete<void>(`${sessionUrl(sessionId)}/inscriptions/${encodeURIComponent(jeuneId)}`, once());
  }

  emarger(id: string, emargement: Emargement): Observable<SessionDetailDto> {
    return this.http.post<SessionDetailDto>(`${sessionUrl(id)}/emargement`, emargement, once());
  }
}
