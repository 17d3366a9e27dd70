import { HttpClient, type HttpEvent } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { ChampSensible, DossierDto, DossierPatch, PieceDecision, PieceDto, TypePiece } from '@imilo/domain';
import type { Observable } from 'rxjs';

/** The sections a PATCH may carry, as the form sends them (before the BFF's own parsing). */
export type DossierPatchBody = { readonly version: number } & Partial<Omit<DossierPatch, 'version'>>;

const jeuneUrl = (id: string): string => `/api/v1/jeunes/${encodeURIComponent(id)}`;

/** The URL that opens a pièce's file (same origin: the session cookie goes along, in a new tab). */
export const pieceContenuUrl = (jeuneId: string, pieceId: string): string =>
  `${jeuneUrl(jeuneId)}/pieces/${encodeURIComponent(pieceId)}/contenu`;

/** The BFF's endpoints of one jeune's dossier. */
@Injectable({ providedIn: 'root' })
export class DossierApi {
  private readonly http = inject(HttpClient);

  dossier(id: string): Observable<DossierDto> {
    return this.http.get<DossierDto>(jeuneUrl(id));
  }

  /** Records why the caller opens a dossier outside their portfolio (204); the dossier can then be read. */
  declareAcces(id: string, motif: string): Observable<void> {
    return this.http.post<void>(`${jeuneUrl(id)}/acces`, { motif });
  }

  /** Replaces the sections the body names; 409 with `current` when the version read is no longer the stored one. */
  patch(id: string, body: DossierPatchBody): Observable<DossierDto> {
    return this.http.patch<DossierDto>(jeuneUrl(id), body);
  }

  /** Reveals a sensitive number; the BFF records the consultation. */
  reveal(id: string, champ: ChampSensible): Observable<{ champ: ChampSensible; valeur: string }> {
    return this.http.post<{ champ: ChampSensible; valeur: string }>(`${jeuneUrl(id)}/revelation`, { champ });
  }

  /** Uploads a pièce as multipart, reporting the progress. */
  uploadPiece(id: string, type: TypePiece, fichier: File): Observable<HttpEvent<PieceDto>> {
    const body = new FormData();
    body.append('type', type);
    body.append('fichier', fichier, fichier.name);
    return this.http.post<PieceDto>(`${jeuneUrl(id)}/pieces`, body, { reportProgress: true, observe: 'events' });
  }

  decidePiece(id: string, pieceId: string, decision: PieceDecision): Observable<PieceDto> {
    return this.http.post<PieceDto>(`${jeuneUrl(id)}/pieces/${encodeURIComponent(pieceId)}/decision`, decision);
  }
}
