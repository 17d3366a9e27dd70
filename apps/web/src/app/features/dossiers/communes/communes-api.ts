import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CommuneDto } from '@imilo/domain';
import { map, type Observable, of, tap } from 'rxjs';

/** The BFF's commune search: the official list of current communes. */
@Injectable({ providedIn: 'root' })
export class CommunesApi {
  private readonly http = inject(HttpClient);
  // Communes seen in any answer, by INSEE code: a field showing one again needs no request.
  private readonly known = new Map<string, CommuneDto>();
  // Codes the list does not have (an old commune, a municipal arrondissement): asked once.
  private readonly unknown = new Set<string>();

  /** Up to 10 communes matching a name (or its start), a postal code (or its start) or an INSEE code; best first. */
  rechercher(q: string): Observable<CommuneDto[]> {
    return this.http.get<CommuneDto[]>('/api/v1/communes', { params: { q } }).pipe(
      tap((communes) => {
        for (const commune of communes) {
          this.known.set(commune.insee, commune);
        }
      }),
    );
  }

  /** The commune of an INSEE code, or null when no current commune has it. */
  commune(insee: string): Observable<CommuneDto | null> {
    const known = this.known.get(insee);
    if (known !== undefined || this.unknown.has(insee)) {
      return of(known ?? null);
    }
    return this.rechercher(insee).pipe(
      map((communes) => communes.find((commune) => commune.insee === insee) ?? null),
      tap((commune) => {
        if (commune === null) {
          this.unknown.add(insee);
        }
      }),
    );
  }

  /** The name of a commune already seen, or null. */
  nomConnu(insee: string): string | null {
    return this.known.get(insee)?.nom ?? null;
  }
}
