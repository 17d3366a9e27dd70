import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  DemandeTransfert,
  DossierCreation,
  DossierDto,
  JeuneResultatsDto,
  RechercheSauvegardeeCreation,
  RechercheSauvegardeeDto,
} from '@imilo/domain';
import type { Observable } from 'rxjs';

/** Query parameters of `GET /api/v1/jeunes`, as strings: text, criteria, sort, page and size. */
export type JeunesQueryParams = Readonly<Record<string, string>>;

/** Answer of `POST /api/v1/jeunes/demandes-transfert`. */
export interface DemandesTransfertDto {
  /** What the BFF recorded: one request per Mission Locale holding the dossier. */
  readonly demandes: unknown;
}

/** The BFF's endpoints of the dossiers collection: search, saved searches, premier accueil. */
@Injectable({ providedIn: 'root' })
export class DossiersApi {
  private readonly http = inject(HttpClient);

  /** One page of dossiers matching the text and criteria. */
  rechercher(params: JeunesQueryParams): Observable<JeuneResultatsDto> {
    return this.http.get<JeuneResultatsDto>('/api/v1/jeunes', { params: new HttpParams({ fromObject: params }) });
  }

  /** The caller's saved searches. */
  recherches(): Observable<RechercheSauvegardeeDto[]> {
    return this.http.get<RechercheSauvegardeeDto[]>('/api/v1/recherches');
  }

  /** Saves a search under a name; 409 when the caller already has one with that name. */
  enregistrerRecherche(recherche: RechercheSauvegardeeCreation): Observable<RechercheSauvegardeeDto> {
    return this.http.post<RechercheSauvegardeeDto>('/api/v1/recherches', recherche);
  }

  supprimerRecherche(id: string): Observable<void> {
    return this.http.delete<void>(`/api/v1/recherches/${encodeURIComponent(id)}`);
  }

  /** Premier accueil: 201 with the dossier, or 409 with `doublons` until `confirmerDoublon` is sent. */
  creerDossier(creation: DossierCreation): Observable<DossierDto> {
    return this.http.post<DossierDto>('/api/v1/jeunes', creation);
  }

  /** Asks the Mission Locale that holds the jeune's dossier to transfer it here. */
  demanderTransfert(demande: DemandeTransfert): Observable<DemandesTransfertDto> {
    return this.http.post<DemandesTransfertDto>('/api/v1/jeunes/demandes-transfert', demande);
  }
}
